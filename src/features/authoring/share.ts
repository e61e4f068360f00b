/**
 * Share links that carry a whole scenario: the YAML text, deflated (the browser's own
 * CompressionStream, no library) and written in base64url, after `#/open?s=`. Opening one runs
 * the same checks as opening a file; a link never carries anything but data.
 */
export const MAX_LINK_CHARS = 60_000;

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Run bytes through a (de)compression stream, stopping (null) once the output passes `max`. */
async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  max = Number.POSITIVE_INFINITY,
): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The `s` parameter for a scenario's text. */
export async function encodeScenario(text: string): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return toBase64Url(packed!);
}

/** The scenario text in an `s` parameter, or null if it is not one (never throws). */
export async function decodeScenario(param: string, maxBytes = 256 * 1024): Promise<string | null> {
  if (param.length === 0 || param.length > MAX_LINK_CHARS || !/^[A-Za-z0-9_-]+$/.test(param))
    return null;
  try {
    const bytes = await pipe(
      fromBase64Url(param),
      new DecompressionStream('deflate-raw'),
      maxBytes,
    );
    if (!bytes) return null;
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The full link that opens a scenario in this app, wherever the app is served from. */
export function shareUrl(param: string, location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}#/open?s=${param}`;
}

/**
 * Longer links make QR codes too dense to scan from a projector across a classroom (a 3-question
 * set is about 1,500 characters): beyond this the panel offers the file's address instead. Up to
 * it, the code's full-screen view scans from the back row (tests/e2e/qr.e2e.ts).
 */
export const SCAN_QR_CHARS = 600;

/** The link that opens a scenario file from its address online (`#/open?url=…`). */
export function addressUrl(
  fileUrl: string,
  location: { origin: string; pathname: string },
): string | null {
  let url: URL;
  try {
    url = new URL(fileUrl.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${location.origin}${location.pathname}#/open?url=${encodeURIComponent(url.href)}`;
}
