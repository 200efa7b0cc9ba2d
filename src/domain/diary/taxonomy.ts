/**
 * The words of the incident diary, as data: the behaviours a person can tick (FACTS.md §3),
 * the channel it came through, the day-to-day changes that s.4A of the Protection from
 * Harassment Act 1997 asks about (FACTS.md §4), relationships and kinds of saved place.
 *
 * Keys are stable: they are stored inside encrypted records, so a key is never renamed or
 * reused. Labels and hints may be reworded at any time.
 *
 * TRANSLATION REVIEW: the Welsh (`cy`) labels and hints in this file were written carefully
 * but not by a fluent speaker. They must be reviewed by one before release, as the advice
 * pages marked `translationReview: true` are. Terms follow the Welsh advice pages in
 * content/cy (stelcio, aflonyddu, cwrs ymddygiad, achlysur, stelcio drwy ddirprwy).
 */
import type { Bilingual } from './text.js';

// ---- the legal examples ----

/**
 * The examples of stalking behaviour that s.2A(3) of the Protection from Harassment Act 1997
 * lists, paragraphs (a) to (g). The list is not exhaustive: other behaviour can be stalking.
 */
export const LEGAL_EXAMPLE_KEYS = [
  'following',
  'contacting',
  'publishing',
  'monitoring',
  'loitering',
  'interfering-with-property',
  'watching-or-spying',
] as const;
export type LegalExampleKey = (typeof LEGAL_EXAMPLE_KEYS)[number];

export interface LegalExample {
  readonly key: LegalExampleKey;
  /** The paragraph of s.2A(3). */
  readonly paragraph: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
  readonly label: Bilingual;
}

export const LEGAL_EXAMPLES: readonly LegalExample[] = [
  {
    key: 'following',
    paragraph: 'a',
    label: { en: 'following a person', cy: 'dilyn person' },
  },
  {
    key: 'contacting',
    paragraph: 'b',
    label: {
      en: 'contacting, or trying to contact, a person by any means',
      cy: 'cysylltu â pherson, neu geisio gwneud hynny, mewn unrhyw ffordd',
    },
  },
  {
    key: 'publishing',
    paragraph: 'c',
    label: {
      en: 'publishing any statement or material about a person, or pretending to be them',
      cy: 'cyhoeddi unrhyw ddatganiad neu ddeunydd am berson, neu esgus bod yn y person hwnnw',
    },
  },
  {
    key: 'monitoring',
    paragraph: 'd',
    label: {
      en: "monitoring a person's use of the internet, email or other electronic communication",
      cy: "monitro sut mae person yn defnyddio'r rhyngrwyd, e-bost neu fathau eraill o gyfathrebu electronig",
    },
  },
  {
    key: 'loitering',
    paragraph: 'e',
    label: {
      en: 'loitering in any place, public or private',
      cy: "loetran mewn unrhyw le, yn gyhoeddus neu'n breifat",
    },
  },
  {
    key: 'interfering-with-property',
    paragraph: 'f',
    label: {
      en: "interfering with any property in a person's possession",
      cy: 'ymyrryd ag unrhyw eiddo sydd ym meddiant person',
    },
  },
  {
    key: 'watching-or-spying',
    paragraph: 'g',
    label: { en: 'watching or spying on a person', cy: 'gwylio neu ysbïo ar berson' },
  },
];

// ---- risk screening subjects ----

/**
 * Subjects of the stalking questions in the DASH risk checklist (FACTS.md §9) that a diary entry
 * can show. Data only: Mosaic never scores risk from the diary, and a future self-check words
 * its own questions. A behaviour that relates to one lets that self-check say "you have
 * recorded this" beside the question.
 */
export const SCREENING_SUBJECTS = [
  'property-damage',
  'visits-home-or-work',
  'loitering',
  'threats-of-violence',
  'harassing-others',
  'violence',
  'others-helping',
] as const;
export type ScreeningSubject = (typeof SCREENING_SUBJECTS)[number];

// ---- behaviours ----

export const BEHAVIOUR_GROUP_KEYS = [
  'contact',
  'following',
  'online',
  'property',
  'threats',
  'others',
] as const;
export type BehaviourGroupKey = (typeof BEHAVIOUR_GROUP_KEYS)[number];

export interface BehaviourGroup {
  readonly key: BehaviourGroupKey;
  readonly label: Bilingual;
}

export const BEHAVIOUR_GROUPS: readonly BehaviourGroup[] = [
  { key: 'contact', label: { en: 'Contact', cy: 'Cysylltu' } },
  {
    key: 'following',
    label: { en: 'Following, watching and turning up', cy: 'Dilyn, gwylio a throi i fyny' },
  },
  { key: 'online', label: { en: 'Online and technology', cy: 'Ar-lein a thechnoleg' } },
  { key: 'property', label: { en: 'Property and home', cy: 'Eiddo a chartref' } },
  { key: 'threats', label: { en: 'Threats and violence', cy: 'Bygythiadau a thrais' } },
  { key: 'others', label: { en: 'Through other people', cy: 'Drwy bobl eraill' } },
];

export interface Behaviour {
  readonly key: string;
  readonly group: BehaviourGroupKey;
  readonly label: Bilingual;
  /** A short hint shown under the label. */
  readonly hint: Bilingual;
  /**
   * The s.2A(3) example this behaviour is, when it plainly is one. Deliberately conservative:
   * a behaviour without one can still be stalking.
   */
  readonly legalExample?: LegalExampleKey;
  /** Risk-screening subjects this behaviour relates to. */
  readonly screening?: readonly ScreeningSubject[];
}

const behaviours = [
  // contact
  {
    key: 'phone-calls',
    group: 'contact',
    label: { en: 'Phone calls', cy: 'Galwadau ffôn' },
    hint: {
      en: 'Including silent, hidden-number and missed calls',
      cy: 'Gan gynnwys galwadau tawel, galwadau o rif cudd a galwadau a gollwyd',
    },
    legalExample: 'contacting',
  },
  {
    key: 'texts-voicemails',
    group: 'contact',
    label: { en: 'Texts or voicemails', cy: 'Negeseuon testun neu negeseuon llais' },
    hint: {
      en: 'Even if you did not reply',
      cy: 'Hyd yn oed os na wnaethoch chi ateb',
    },
    legalExample: 'contacting',
  },
  {
    key: 'messages-online',
    group: 'contact',
    label: {
      en: 'Messages on social media or in apps',
      cy: 'Negeseuon ar gyfryngau cymdeithasol neu mewn apiau',
    },
    hint: {
      en: 'Direct messages, comments or chat messages sent to you',
      cy: "Negeseuon uniongyrchol, sylwadau neu negeseuon sgwrsio wedi'u hanfon atoch chi",
    },
    legalExample: 'contacting',
  },
  {
    key: 'letters-emails',
    group: 'contact',
    label: { en: 'Letters or emails', cy: 'Llythyrau neu e-byst' },
    hint: { en: 'Including notes left for you', cy: "Gan gynnwys nodiadau wedi'u gadael i chi" },
    legalExample: 'contacting',
  },
  {
    key: 'gifts-items',
    group: 'contact',
    label: { en: 'Gifts or unwanted items', cy: 'Anrhegion neu bethau digroeso' },
    hint: {
      en: 'Such as flowers, parcels or things left for you',
      cy: "Fel blodau, parseli neu bethau wedi'u gadael i chi",
    },
    legalExample: 'contacting',
  },
  {
    key: 'other-contact',
    group: 'contact',
    label: {
      en: 'Other ways of trying to contact you',
      cy: 'Ceisio cysylltu â chi mewn ffyrdd eraill',
    },
    hint: {
      en: 'Including after you said no',
      cy: 'Gan gynnwys ar ôl i chi ddweud na',
    },
    legalExample: 'contacting',
  },
  // following, watching and turning up
  {
    key: 'following',
    group: 'following',
    label: { en: 'Following you', cy: 'Eich dilyn chi' },
    hint: {
      en: 'On foot, in a vehicle or on public transport',
      cy: 'Ar droed, mewn cerbyd neu ar drafnidiaeth gyhoeddus',
    },
    legalExample: 'following',
  },
  {
    key: 'watching',
    group: 'following',
    label: { en: 'Watching or spying on you', cy: 'Eich gwylio neu ysbïo arnoch chi' },
    hint: {
      en: 'Including with cameras or through windows',
      cy: 'Gan gynnwys gyda chamerâu neu drwy ffenestri',
    },
    legalExample: 'watching-or-spying',
  },
  {
    key: 'turning-up',
    group: 'following',
    label: { en: 'Turning up where you are', cy: 'Troi i fyny lle rydych chi' },
    hint: {
      en: 'At your home, work, school or places you go',
      cy: "Yn eich cartref, eich gwaith, eich ysgol neu leoedd rydych chi'n mynd iddyn nhw",
    },
    screening: ['visits-home-or-work'],
  },
  {
    key: 'loitering',
    group: 'following',
    label: { en: 'Loitering near you', cy: "Loetran o'ch cwmpas" },
    hint: {
      en: 'Hanging around places you are or go to',
      cy: "Aros o gwmpas lleoedd rydych chi'n mynd iddyn nhw",
    },
    legalExample: 'loitering',
    screening: ['loitering'],
  },
  {
    key: 'outside-home',
    group: 'following',
    label: {
      en: 'Driving past or waiting outside your home',
      cy: "Gyrru heibio i'ch cartref neu aros y tu allan iddo",
    },
    hint: { en: 'Including parking nearby', cy: 'Gan gynnwys parcio gerllaw' },
    screening: ['loitering'],
  },
  {
    key: 'photographing',
    group: 'following',
    label: { en: 'Taking photos or video of you', cy: 'Tynnu lluniau neu fideo ohonoch chi' },
    hint: {
      en: 'Whether or not you knew at the time',
      cy: "P'un a oeddech chi'n gwybod ar y pryd neu beidio",
    },
  },
  // online and technology
  {
    key: 'online-abuse',
    group: 'online',
    label: { en: 'Abuse online', cy: 'Camdriniaeth ar-lein' },
    hint: {
      en: 'Insults, threats or hateful comments, in public or in private',
      cy: "Sarhad, bygythiadau neu sylwadau atgas, yn gyhoeddus neu'n breifat",
    },
  },
  {
    key: 'posting-about-you',
    group: 'online',
    label: { en: 'Posting things about you', cy: 'Postio pethau amdanoch chi' },
    hint: {
      en: 'Posts, photos, videos or private details about you',
      cy: 'Postiadau, lluniau, fideos neu fanylion preifat amdanoch chi',
    },
    legalExample: 'publishing',
  },
  {
    key: 'fake-profiles',
    group: 'online',
    label: {
      en: 'Fake profiles or pretending to be you',
      cy: 'Proffiliau ffug, neu esgus mai chi ydyn nhw',
    },
    hint: {
      en: 'Including catfishing: fooling people with a false identity',
      cy: 'Gan gynnwys catfishing: twyllo pobl gyda hunaniaeth ffug',
    },
    legalExample: 'publishing',
  },
  {
    key: 'monitoring-online',
    group: 'online',
    label: {
      en: 'Checking what you do online',
      cy: "Gwirio beth rydych chi'n ei wneud ar-lein",
    },
    hint: {
      en: 'Reading your emails or messages, or watching your accounts',
      cy: 'Darllen eich e-byst neu eich negeseuon, neu wylio eich cyfrifon',
    },
    legalExample: 'monitoring',
  },
  {
    key: 'tracking-location',
    group: 'online',
    label: { en: 'Tracking where you are', cy: 'Tracio ble rydych chi' },
    hint: {
      en: 'Through your phone, apps, photos, shared locations or a tracking device',
      cy: "Drwy eich ffôn, apiau, lluniau, lleoliadau wedi'u rhannu neu ddyfais dracio",
    },
  },
  {
    key: 'account-access',
    group: 'online',
    label: {
      en: 'Getting into your accounts or devices',
      cy: "Mynd i mewn i'ch cyfrifon neu eich dyfeisiau",
    },
    hint: {
      en: 'Including taking over an account or your webcam',
      cy: "Gan gynnwys cymryd rheolaeth o gyfrif neu o'ch gwe-gamera",
    },
  },
  {
    key: 'spyware',
    group: 'online',
    label: { en: 'Spyware on your devices', cy: 'Ysbïwedd ar eich dyfeisiau' },
    hint: {
      en: 'Apps that secretly watch your phone or computer (stalkerware)',
      cy: "Apiau sy'n gwylio eich ffôn neu eich cyfrifiadur yn gyfrinachol (stalkerware)",
    },
    legalExample: 'monitoring',
  },
  {
    key: 'map-imagery',
    group: 'online',
    label: {
      en: 'Looking at your home on map websites',
      cy: 'Edrych ar eich cartref ar wefannau mapiau',
    },
    hint: { en: 'Such as street-level photos', cy: 'Fel lluniau lefel stryd' },
  },
  // property and home
  {
    key: 'damaging-property',
    group: 'property',
    label: { en: 'Damaging your property', cy: 'Difrodi eich eiddo' },
    hint: {
      en: 'Your home, vehicle or belongings',
      cy: 'Eich cartref, eich cerbyd neu eich pethau',
    },
    legalExample: 'interfering-with-property',
    screening: ['property-damage'],
  },
  {
    key: 'interfering-property',
    group: 'property',
    label: { en: 'Interfering with your things', cy: "Ymyrryd â'ch pethau" },
    hint: {
      en: 'Moving, taking or tampering with things, such as post, bins or a car',
      cy: 'Symud, cymryd neu ymyrryd â phethau, fel post, biniau neu gar',
    },
    legalExample: 'interfering-with-property',
  },
  {
    key: 'breaking-in',
    group: 'property',
    label: { en: 'Breaking in', cy: 'Torri i mewn' },
    hint: {
      en: 'Into your home, workplace or vehicle',
      cy: "I'ch cartref, eich gweithle neu eich cerbyd",
    },
    legalExample: 'interfering-with-property',
    screening: ['property-damage'],
  },
  {
    key: 'stealing',
    group: 'property',
    label: { en: 'Stealing from you', cy: 'Dwyn oddi arnoch chi' },
    hint: { en: 'Including burglary or robbery', cy: 'Gan gynnwys byrgleriaeth neu ladrad' },
    legalExample: 'interfering-with-property',
  },
  {
    key: 'identity-theft',
    group: 'property',
    label: { en: 'Using your name or details', cy: 'Defnyddio eich enw neu eich manylion' },
    hint: {
      en: 'Pretending to be you, or ordering or signing up to things in your name',
      cy: 'Esgus mai chi ydyn nhw, neu archebu pethau neu gofrestru yn eich enw chi',
    },
  },
  {
    key: 'harming-pets',
    group: 'property',
    label: {
      en: 'Hurting or threatening your pets',
      cy: 'Brifo neu fygwth eich anifeiliaid anwes',
    },
    hint: { en: 'Or taking them', cy: 'Neu fynd â nhw' },
  },
  // threats and violence
  {
    key: 'threats-harm',
    group: 'threats',
    label: {
      en: 'Threats to harm you or people close to you',
      cy: "Bygwth eich brifo chi neu bobl sy'n agos atoch chi",
    },
    hint: { en: 'Said, written or implied', cy: "Wedi'u dweud, eu hysgrifennu neu eu hawgrymu" },
    screening: ['threats-of-violence'],
  },
  {
    key: 'threats-to-kill',
    group: 'threats',
    label: { en: 'Threats to kill', cy: 'Bygwth lladd' },
    hint: { en: 'You or anyone else', cy: 'Chi neu unrhyw un arall' },
    screening: ['threats-of-violence'],
  },
  {
    key: 'threats-sexual',
    group: 'threats',
    label: { en: 'Threats of sexual violence', cy: 'Bygwth trais rhywiol' },
    hint: { en: 'Said, written or implied', cy: "Wedi'u dweud, eu hysgrifennu neu eu hawgrymu" },
    screening: ['threats-of-violence'],
  },
  {
    key: 'threats-children',
    group: 'threats',
    label: { en: 'Threats to harm children', cy: 'Bygwth brifo plant' },
    hint: { en: 'Your children or any others', cy: 'Eich plant chi neu unrhyw blant eraill' },
    screening: ['threats-of-violence'],
  },
  {
    key: 'verbal-abuse',
    group: 'threats',
    label: { en: 'Shouting or verbal abuse', cy: 'Gweiddi neu gamdriniaeth eiriol' },
    hint: { en: 'In person or on the phone', cy: 'Wyneb yn wyneb neu ar y ffôn' },
  },
  {
    key: 'gestures-graffiti',
    group: 'threats',
    label: {
      en: 'Offensive gestures, images or graffiti',
      cy: 'Ystumiau, lluniau neu graffiti anweddus',
    },
    hint: { en: 'Aimed at you', cy: "Wedi'u hanelu atoch chi" },
  },
  {
    key: 'physical-violence',
    group: 'threats',
    label: { en: 'Physical violence', cy: 'Trais corfforol' },
    hint: {
      en: 'Hitting, pushing, grabbing or any other attack',
      cy: 'Taro, gwthio, cydio neu unrhyw ymosodiad arall',
    },
    screening: ['violence'],
  },
  {
    key: 'sexual-assault',
    group: 'threats',
    label: { en: 'Sexual assault', cy: 'Ymosodiad rhywiol' },
    hint: {
      en: 'Any sexual touching or act you did not agree to',
      cy: 'Unrhyw gyffwrdd neu weithred rywiol na wnaethoch chi gytuno iddi',
    },
    screening: ['violence'],
  },
  // through other people
  {
    key: 'contacting-others',
    group: 'others',
    label: {
      en: 'Contacting or upsetting people close to you',
      cy: "Cysylltu â phobl sy'n agos atoch chi, neu eu hypsetio",
    },
    hint: {
      en: 'Your family, partner, friends, neighbours or colleagues',
      cy: 'Eich teulu, eich partner, eich ffrindiau, eich cymdogion neu eich cydweithwyr',
    },
    screening: ['harassing-others'],
  },
  {
    key: 'using-others',
    group: 'others',
    label: { en: 'Getting others to help them', cy: "Cael pobl eraill i'w helpu" },
    hint: {
      en: 'To pass on messages, watch you or find you, knowingly or not (stalking by proxy)',
      cy: 'I basio negeseuon ymlaen, eich gwylio neu ddod o hyd i chi, yn fwriadol neu beidio (stelcio drwy ddirprwy)',
    },
    screening: ['others-helping'],
  },
  {
    key: 'false-reports',
    group: 'others',
    label: { en: 'False reports about you', cy: 'Adroddiadau ffug amdanoch chi' },
    hint: {
      en: 'To the police, your employer, social services or anyone else',
      cy: "I'r heddlu, eich cyflogwr, y gwasanaethau cymdeithasol neu unrhyw un arall",
    },
  },
] as const satisfies readonly Behaviour[];

export type BehaviourKey = (typeof behaviours)[number]['key'];

/** Every behaviour, in the order a form lists them: by group, then as above. */
export const BEHAVIOURS: readonly (Behaviour & { readonly key: BehaviourKey })[] = behaviours;

/** The behaviour keys, for `z.enum`. */
export const BEHAVIOUR_KEYS = behaviours.map((b) => b.key) as [BehaviourKey, ...BehaviourKey[]];

const behaviourByKey = new Map<string, Behaviour & { readonly key: BehaviourKey }>(
  BEHAVIOURS.map((b) => [b.key, b]),
);

/**
 * The behaviour with this key, or undefined for a key this version does not know.
 *
 * @example behaviour('following')?.label.en // "Following you"
 */
export function behaviour(key: string): (Behaviour & { readonly key: BehaviourKey }) | undefined {
  return behaviourByKey.get(key);
}

/**
 * Whether a behaviour is one of the examples of stalking listed in s.2A(3).
 *
 * @example isLegalExample('loitering') // true
 * @example isLegalExample('threats-to-kill') // false: serious, but not in that list
 */
export function isLegalExample(key: BehaviourKey): boolean {
  return behaviourByKey.get(key)?.legalExample !== undefined;
}

/**
 * The behaviours of one group, in form order.
 *
 * @example behavioursInGroup('others').map((b) => b.key)
 * // ['contacting-others', 'using-others', 'false-reports']
 */
export function behavioursInGroup(
  group: BehaviourGroupKey,
): readonly (Behaviour & { readonly key: BehaviourKey })[] {
  return BEHAVIOURS.filter((b) => b.group === group);
}

// ---- channels ----

export interface Channel {
  readonly key: string;
  readonly label: Bilingual;
  readonly hint?: Bilingual;
  /** When set, the form asks this follow-up question (for example "Which social media?"). */
  readonly detailQuestion?: Bilingual;
}

const channels = [
  { key: 'in-person', label: { en: 'In person', cy: 'Wyneb yn wyneb' } },
  { key: 'phone-call', label: { en: 'Phone call', cy: 'Galwad ffôn' } },
  { key: 'text', label: { en: 'Text message', cy: 'Neges destun' } },
  {
    key: 'messaging-app',
    label: { en: 'Messaging app', cy: 'Ap negeseuon' },
    hint: {
      en: 'Such as WhatsApp, Signal or Messenger',
      cy: 'Fel WhatsApp, Signal neu Messenger',
    },
    detailQuestion: { en: 'Which app?', cy: 'Pa ap?' },
  },
  {
    key: 'social-media',
    label: { en: 'Social media', cy: 'Cyfryngau cymdeithasol' },
    hint: { en: 'Such as Instagram, TikTok or X', cy: 'Fel Instagram, TikTok neu X' },
    detailQuestion: { en: 'Which social media?', cy: 'Pa gyfryngau cymdeithasol?' },
  },
  { key: 'email', label: { en: 'Email', cy: 'E-bost' } },
  {
    key: 'letter-or-gift',
    label: { en: 'Letter, parcel or gift', cy: 'Llythyr, parsel neu anrheg' },
  },
  {
    key: 'third-party',
    label: { en: 'Through someone else', cy: 'Drwy rywun arall' },
    detailQuestion: { en: 'Who?', cy: 'Pwy?' },
  },
  {
    key: 'online-post',
    label: { en: 'Online post', cy: 'Postiad ar-lein' },
    hint: {
      en: 'Something posted where others can see it, such as a website or forum',
      cy: "Rhywbeth wedi'i bostio lle gall pobl eraill ei weld, fel gwefan neu fforwm",
    },
    detailQuestion: { en: 'Where was it posted?', cy: 'Ble cafodd ei bostio?' },
  },
  {
    key: 'other',
    label: { en: 'Other', cy: 'Arall' },
    detailQuestion: { en: 'How?', cy: 'Sut?' },
  },
] as const satisfies readonly Channel[];

export type ChannelKey = (typeof channels)[number]['key'];
export const CHANNELS: readonly (Channel & { readonly key: ChannelKey })[] = channels;
export const CHANNEL_KEYS = channels.map((c) => c.key) as [ChannelKey, ...ChannelKey[]];

const channelByKey = new Map<string, Channel & { readonly key: ChannelKey }>(
  CHANNELS.map((c) => [c.key, c]),
);

/**
 * The channel with this key, or undefined for a key this version does not know.
 *
 * @example channel('social-media')?.detailQuestion?.en // "Which social media?"
 */
export function channel(key: string): (Channel & { readonly key: ChannelKey }) | undefined {
  return channelByKey.get(key);
}

// ---- s.4A day-to-day effects ----

export interface Effect {
  readonly key: string;
  readonly label: Bilingual;
  readonly hint: Bilingual;
}

/**
 * Changes to usual day-to-day activities, the examples courts and guidance use for the
 * "substantial adverse effect" of s.4A (FACTS.md §4). The form asks "What have you changed
 * because of this?".
 */
const effects = [
  {
    key: 'route-or-travel',
    label: { en: 'Route or travel', cy: 'Llwybr neu deithio' },
    hint: {
      en: 'Such as going a different way to work, or avoiding places',
      cy: "Fel mynd ffordd wahanol i'r gwaith, neu osgoi lleoedd",
    },
  },
  {
    key: 'work',
    label: { en: 'Work', cy: 'Gwaith' },
    hint: {
      en: 'Changing your hours, how you work, or your job',
      cy: "Newid eich oriau, sut rydych chi'n gweithio, neu eich swydd",
    },
  },
  {
    key: 'childcare',
    label: { en: 'Childcare', cy: 'Gofal plant' },
    hint: {
      en: 'Such as asking someone else to collect your children from school',
      cy: "Fel gofyn i rywun arall gasglu eich plant o'r ysgol",
    },
  },
  {
    key: 'home-security',
    label: { en: 'Home security', cy: 'Diogelwch y cartref' },
    hint: {
      en: 'Such as new locks, cameras or alarms',
      cy: 'Fel cloeon newydd, camerâu neu larymau',
    },
  },
  {
    key: 'moving-home',
    label: { en: 'Moving home', cy: 'Symud tŷ' },
    hint: {
      en: 'Moving, or planning or needing to move',
      cy: 'Symud, neu gynllunio neu fod angen symud',
    },
  },
  {
    key: 'socialising',
    label: { en: 'Socialising', cy: 'Cymdeithasu' },
    hint: {
      en: 'Going out less, or no longer seeing people',
      cy: "Mynd allan yn llai aml, neu roi'r gorau i weld pobl",
    },
  },
  {
    key: 'other',
    label: { en: 'Something else', cy: 'Rhywbeth arall' },
    hint: {
      en: 'Any other change to your daily life',
      cy: "Unrhyw newid arall i'ch bywyd bob dydd",
    },
  },
] as const satisfies readonly Effect[];

export type EffectKey = (typeof effects)[number]['key'];
export const EFFECTS: readonly (Effect & { readonly key: EffectKey })[] = effects;
export const EFFECT_KEYS = effects.map((e) => e.key) as [EffectKey, ...EffectKey[]];

// ---- relationships ----

export interface Relationship {
  readonly key: string;
  readonly label: Bilingual;
  /**
   * Stalking or harassment by a partner, ex-partner or family member also counts as domestic
   * abuse (FACTS.md §1), which opens other routes to help.
   */
  readonly domesticAbuse: boolean;
}

const relationships = [
  { key: 'ex-partner', label: { en: 'Ex-partner', cy: 'Cyn-bartner' }, domesticAbuse: true },
  { key: 'partner', label: { en: 'Partner', cy: 'Partner' }, domesticAbuse: true },
  { key: 'family', label: { en: 'Family member', cy: "Aelod o'r teulu" }, domesticAbuse: true },
  {
    key: 'friend',
    label: { en: 'Friend or former friend', cy: 'Ffrind neu gyn-ffrind' },
    domesticAbuse: false,
  },
  {
    key: 'acquaintance',
    label: {
      en: 'Someone you have met, such as a date',
      cy: "Rhywun rydych chi wedi'i gyfarfod, fel rhywun y buoch chi ar ddêt gyda nhw",
    },
    domesticAbuse: false,
  },
  {
    key: 'colleague',
    label: { en: 'Colleague or former colleague', cy: 'Cydweithiwr neu gyn-gydweithiwr' },
    domesticAbuse: false,
  },
  { key: 'neighbour', label: { en: 'Neighbour', cy: 'Cymydog' }, domesticAbuse: false },
  {
    key: 'online-only',
    label: {
      en: 'Someone you know only online',
      cy: "Rhywun rydych chi'n ei adnabod ar-lein yn unig",
    },
    domesticAbuse: false,
  },
  { key: 'stranger', label: { en: 'Stranger', cy: 'Dieithryn' }, domesticAbuse: false },
  {
    key: 'not-known',
    label: { en: 'I do not know who it is', cy: 'Dydw i ddim yn gwybod pwy ydyn nhw' },
    domesticAbuse: false,
  },
  { key: 'other', label: { en: 'Other', cy: 'Arall' }, domesticAbuse: false },
] as const satisfies readonly Relationship[];

export type RelationshipKey = (typeof relationships)[number]['key'];
export const RELATIONSHIPS: readonly (Relationship & { readonly key: RelationshipKey })[] =
  relationships;
export const RELATIONSHIP_KEYS = relationships.map((r) => r.key) as [
  RelationshipKey,
  ...RelationshipKey[],
];

// ---- kinds of saved place ----

const placeKinds = [
  { key: 'home', label: { en: 'Home', cy: 'Cartref' } },
  { key: 'work', label: { en: 'Work', cy: 'Gwaith' } },
  { key: 'school', label: { en: 'School or college', cy: 'Ysgol neu goleg' } },
  { key: 'other', label: { en: 'Other', cy: 'Arall' } },
] as const satisfies readonly { readonly key: string; readonly label: Bilingual }[];

export type PlaceKindKey = (typeof placeKinds)[number]['key'];
export const PLACE_KINDS: readonly { readonly key: PlaceKindKey; readonly label: Bilingual }[] =
  placeKinds;
export const PLACE_KIND_KEYS = placeKinds.map((p) => p.key) as [PlaceKindKey, ...PlaceKindKey[]];
