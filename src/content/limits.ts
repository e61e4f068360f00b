/**
 * How large a scenario file may be, in bytes of UTF-8. Its own module: pages that only refuse an
 * oversized file before reading it need not load the YAML reader that enforces it too.
 */
export const MAX_FILE_BYTES = 256 * 1024;
