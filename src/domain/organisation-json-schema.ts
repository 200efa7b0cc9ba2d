import { z } from 'zod';
import { organisationProfileSchema } from './organisation.js';

/** The JSON Schema of the profile file, as editors see it (config/organisation.schema.json). */
export function organisationJsonSchema(): unknown {
  return z.toJSONSchema(organisationProfileSchema, { io: 'input', unrepresentable: 'any' });
}
