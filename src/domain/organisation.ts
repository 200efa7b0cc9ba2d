/**
 * The organisation profile: everything that makes one deployment of Mosaic a police force's,
 * a council partnership's or a charity's own. Validated once at boot; see config/ for the
 * JSON Schema generated from this and an example file.
 */
import { z } from 'zod';
import { contrastRatio, HEX_COLOUR } from './colour.js';
import { DISGUISE_IDS } from './disguises.js';
import { LOCALES } from './locales.js';
import { httpsUrlSchema, localisedTextSchema, phoneSchema, serviceListSchema } from './services.js';

const colour = z.string().regex(HEX_COLOUR, 'must be a colour written as #rrggbb');
const localisedText = localisedTextSchema;
const httpsUrl = httpsUrlSchema;
const phone = phoneSchema;

export const organisationProfileSchema = z
  .object({
    $schema: z.string().optional().describe('Lets editors validate the file; ignored.'),
    name: localisedText(120).describe('Full name, shown in the header and the page title.'),
    shortName: localisedText(40).describe('Short name for small screens.'),
    colours: z
      .object({
        brand: colour.describe('Header background. White text must be readable on it.'),
        accent: colour.optional().describe('Links and focus outlines on white. Defaults to brand.'),
      })
      .strict()
      .refine((c) => contrastRatio(c.brand, '#ffffff') >= 4.5, {
        message: 'brand colour is too light: white text on it would not reach 4.5:1 contrast',
        path: ['brand'],
      })
      .refine((c) => contrastRatio(c.accent ?? c.brand, '#ffffff') >= 4.5, {
        message: 'accent colour is too light to read on a white page (needs 4.5:1 contrast)',
        path: ['accent'],
      }),
    logo: z
      .string()
      .regex(/^[\w./-]+\.svg$/, 'must be the path of an .svg file, relative to the profile')
      .optional()
      .describe('An SVG logo shown beside the name, relative to the profile file.'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/London')
      .default('Europe/London'),
    quickExit: z
      .object({
        url: httpsUrl.describe('A neutral site to go to when someone presses quick exit.'),
      })
      .strict(),
    police: z
      .object({
        name: localisedText(120),
        nonEmergencyPhone: phone.default('101'),
        onlineReportUrl: httpsUrl.optional(),
      })
      .strict(),
    locales: z
      .array(z.enum(LOCALES))
      .min(1)
      .refine((ls) => new Set(ls).size === ls.length, 'must not list a locale twice')
      .describe('Languages offered; the first is the default.'),
    app: z
      .object({
        disguises: z
          .boolean()
          .default(true)
          .describe(
            "Offer neutral disguises (Notes, Weather, Calculator) for the installed vault app. false: the app uses the organisation's own name and colour.",
          ),
        defaultDisguise: z
          .enum(DISGUISE_IDS)
          .default('notes')
          .describe("The disguise chosen at first in the vault's settings."),
      })
      .strict()
      .default({ disguises: true, defaultDisguise: 'notes' })
      .describe('How the vault looks when it is installed as an app on a phone or computer.'),
    services: serviceListSchema
      .default([])
      .describe(
        'Local support services, listed after the national ones; one with the key of a national service replaces it.',
      ),
  })
  .strict();

export type OrganisationProfile = z.infer<typeof organisationProfileSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
