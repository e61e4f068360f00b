/**
 * Writes the JSON Schema files from the one schema source (src/content/schema.ts). A unit test
 * fails when the committed files differ from what this would write.
 */
import { writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from '../src/content/json-schema.ts';

for (const [path, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
