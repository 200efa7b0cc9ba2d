/**
 * How the installed vault app looks on a phone or computer: a neutral disguise ("Notes",
 * "Weather", "Calculator"), or, when the organisation turns disguises off, the organisation's
 * own name. Each has a name, a short name, a theme colour (the title bar; white text on it must
 * be readable) and a simple icon drawn from a few shapes, which the server turns into PNG files.
 *
 * Nothing here mentions stalking, a diary or the organisation: these words end up on the home
 * screen, in the app switcher and in the tab title of the installed app.
 */
import type { Locale } from './locales.js';

export const DISGUISE_IDS = ['notes', 'weather', 'calculator'] as const;
export type DisguiseId = (typeof DISGUISE_IDS)[number];
/** The organisation's own name and colour, used when its profile turns disguises off. */
export const ORGANISATION_APP = 'organisation';
export type AppLookId = DisguiseId | typeof ORGANISATION_APP;

/** One shape of an icon, on a 0–100 square. Drawn in order, later shapes on top. */
export type IconShape =
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      /** Corner radius. */
      readonly r: number;
      readonly colour: string;
    }
  | {
      readonly kind: 'circle';
      readonly cx: number;
      readonly cy: number;
      readonly r: number;
      readonly colour: string;
    };

export interface AppLook {
  readonly id: AppLookId;
  readonly name: Readonly<Record<Locale, string>>;
  readonly shortName: Readonly<Record<Locale, string>>;
  /** The title bar and the icon's background: white text on it reads at 4.5:1 or better. */
  readonly theme: string;
  /** The picture on the icon's background, inside the middle 60 of the 100 square. */
  readonly glyph: readonly IconShape[];
}

const WHITE = '#ffffff';

export const DISGUISES: Readonly<Record<DisguiseId, AppLook>> = {
  notes: {
    id: 'notes',
    name: { en: 'Notes', cy: 'Nodiadau' },
    shortName: { en: 'Notes', cy: 'Nodiadau' },
    theme: '#8a4b08',
    glyph: [
      { kind: 'rect', x: 26, y: 20, w: 48, h: 60, r: 5, colour: WHITE },
      { kind: 'rect', x: 34, y: 34, w: 32, h: 5, r: 2.5, colour: '#c98a3a' },
      { kind: 'rect', x: 34, y: 47, w: 32, h: 5, r: 2.5, colour: '#c98a3a' },
      { kind: 'rect', x: 34, y: 60, w: 20, h: 5, r: 2.5, colour: '#c98a3a' },
    ],
  },
  weather: {
    id: 'weather',
    name: { en: 'Weather', cy: 'Tywydd' },
    shortName: { en: 'Weather', cy: 'Tywydd' },
    theme: '#1d5b8f',
    glyph: [
      { kind: 'circle', cx: 40, cy: 40, r: 17, colour: '#ffd24a' },
      { kind: 'circle', cx: 48, cy: 58, r: 12, colour: WHITE },
      { kind: 'circle', cx: 62, cy: 53, r: 15, colour: WHITE },
      { kind: 'circle', cx: 73, cy: 62, r: 10, colour: WHITE },
      { kind: 'rect', x: 36, y: 58, w: 40, h: 14, r: 7, colour: WHITE },
    ],
  },
  calculator: {
    id: 'calculator',
    name: { en: 'Calculator', cy: 'Cyfrifiannell' },
    shortName: { en: 'Calculator', cy: 'Cyfrifiannell' },
    theme: '#3b4250',
    glyph: [
      { kind: 'rect', x: 24, y: 18, w: 52, h: 16, r: 4, colour: '#cfe8d4' },
      ...[0, 1, 2].flatMap((row) =>
        [0, 1, 2].map((col): IconShape => ({
          kind: 'rect',
          x: 24 + col * 19,
          y: 40 + row * 15,
          w: 14,
          h: 11,
          r: 3,
          colour: row === 2 && col === 2 ? '#f0a23b' : WHITE,
        })),
      ),
    ],
  },
};

/**
 * The organisation's own look: its names and brand colour, and four tiles for a picture (no
 * logo: a home-screen icon must be a square PNG, and the tiles say nothing either way).
 */
export function organisationLook(
  name: Readonly<Record<Locale, string>>,
  shortName: Readonly<Record<Locale, string>>,
  brand: string,
): AppLook {
  const tile = (x: number, y: number): IconShape => ({
    kind: 'rect',
    x,
    y,
    w: 24,
    h: 24,
    r: 4,
    colour: WHITE,
  });
  return {
    id: ORGANISATION_APP,
    name,
    shortName,
    theme: brand,
    glyph: [tile(22, 22), tile(54, 22), tile(22, 54), tile(54, 54)],
  };
}

export function isDisguiseId(value: unknown): value is DisguiseId {
  return typeof value === 'string' && (DISGUISE_IDS as readonly string[]).includes(value);
}
