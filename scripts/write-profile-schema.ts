// Regenerates config/organisation.schema.json from the zod schema: `npm run schema`.
import { writeFile } from 'node:fs/promises';
import { organisationJsonSchema } from '../src/domain/organisation-json-schema.js';

await writeFile(
  new URL('../config/organisation.schema.json', import.meta.url),
  `${JSON.stringify(organisationJsonSchema(), null, 2)}\n`,
);
