/**
 * The words of the vault's risk check and safety plan, in English and Welsh. Every question and
 * suggestion is written for Mosaic (FACTS.md §8 and §9 give the subjects, not the wording). The
 * tables are keyed by the codes in src/domain/safety, so a missing question or suggestion in
 * either language fails the type-check.
 *
 * The Welsh still needs review by a Welsh speaker (plain language, reading age 9–11), like the
 * rest of the app's Welsh.
 */
import type { RiskQuestion } from '../../../domain/safety/risk-check.js';
import {
  PLAN_SECTION_WORDS,
  RISK_QUESTION_WORDS,
  type RiskQuestionWords as QuestionWords,
} from '../../../domain/safety/risk-words.js';
import type { PlanSection, SuggestionKey } from '../../../domain/safety/safety-plan.js';
import type { AppLocale } from '../shell/messages.js';

export interface SafetyMessages {
  readonly risk: {
    readonly title: string;
    readonly guide: string;
    readonly answers: { readonly yes: string; readonly no: string; readonly notSure: string };
    readonly note: string;
    readonly date: string;
    readonly dateHint: string;
    /** {n}: entries; {week}: most in 7 days. */
    readonly diarySays: string;
    readonly diarySaysWeek: string;
    readonly diarySaysOne: string;
    readonly questions: Readonly<Record<RiskQuestion, QuestionWords>>;
    readonly urgentTitle: string;
    readonly urgent: string;
    readonly warningsTitle: string;
    readonly noWarnings: string;
    readonly unsureTitle: string;
    /** {helpline}: the stalking helpline's name; {phone}: its number (from the services file). */
    readonly share: string;
    readonly historyTitle: string;
    readonly changedTitle: string;
    readonly helpline: string;
    readonly answerError: string;
    readonly dateError: string;
    readonly dateFuture: string;
    readonly noteLong: string;
    readonly save: string;
    readonly saving: string;
    readonly saved: string;
    readonly resultTitle: string;
    /** {date} */
    readonly checkedOn: string;
    readonly historyLink: string;
    readonly newCheck: string;
    readonly planLink: string;
    readonly noChecks: string;
    readonly noChanges: string;
    readonly firstCheck: string;
    /** {before} and {after}: the answers. */
    readonly change: string;
    readonly noAnswer: string;
    readonly yourNote: string;
    /** {date} */
    readonly lastHappened: string;
    /** {date} */
    readonly view: string;
    readonly loading: string;
    readonly notFound: string;
  };
  readonly plan: {
    readonly title: string;
    readonly lede: string;
    readonly empty: string;
    readonly suggestionsTitle: string;
    readonly suggestionsLede: string;
    /** {text}: the suggestion, for screen readers. */
    readonly addLabel: string;
    readonly add: string;
    readonly ownTitle: string;
    readonly ownText: string;
    readonly ownSection: string;
    readonly ownAdd: string;
    readonly done: string;
    readonly edit: string;
    readonly delete: string;
    /** {text}: the item, for screen readers. */
    readonly editLabel: string;
    readonly deleteLabel: string;
    readonly editText: string;
    readonly saveItem: string;
    readonly saving: string;
    readonly saved: string;
    readonly deleted: string;
    readonly textError: string;
    readonly textLong: string;
    readonly conflict: string;
    readonly print: string;
    readonly loading: string;
    readonly riskLink: string;
    /** At the foot of the printed plan. {helpline}, {phone} */
    readonly printFooter: string;
    readonly sections: Readonly<Record<PlanSection, string>>;
    readonly suggestions: Readonly<Record<SuggestionKey, string>>;
  };
}

const en: SafetyMessages = {
  risk: {
    title: 'Check the risk',
    guide:
      'This is a guide to help you and the people supporting you. It is not an assessment by the police or a professional. Share it with the police or an advocate: they can judge the risk with you.',
    answers: { yes: 'Yes', no: 'No', notSure: 'Not sure' },
    note: 'Note (optional)',
    date: 'When did it last happen? (optional)',
    dateHint: 'For example, 27 3 2026',
    diarySays: 'Your diary has {n} entries about this.',
    diarySaysWeek: 'Your diary has {n} entries about this, and up to {week} in one week.',
    diarySaysOne: 'Your diary has 1 entry about this.',
    questions: RISK_QUESTION_WORDS.en,
    urgentTitle: 'If you are in danger now, call 999',
    urgent:
      'Your answers include serious warning signs. If you are in danger now, call 999. If you cannot speak on a mobile, stay on the line and press 55 when asked.',
    warningsTitle: 'Warning signs in your answers',
    noWarnings:
      'None of your answers is a warning sign on this list. That does not mean you are safe. If you are worried, talk to someone.',
    unsureTitle: 'Things you were not sure about',
    share: 'Share this with the police or an advocate. Call the {helpline} on {phone} for advice.',
    historyTitle: 'Your earlier checks',
    changedTitle: 'What has changed since your last check',
    helpline: 'National Stalking Helpline',
    answerError: 'Choose yes, no or not sure',
    dateError: 'Enter a real date, like 27 3 2026',
    dateFuture: 'The date must be today or before',
    noteLong: 'Keep the note under 2,000 characters',
    save: 'Save and see the result',
    saving: 'Saving your check…',
    saved: 'Your check is saved in your private diary.',
    resultTitle: 'Your risk check',
    checkedOn: 'Checked on {date}',
    historyLink: 'See your earlier checks',
    newCheck: 'Do a new check',
    planLink: 'Make or change your safety plan',
    noChecks: 'You have not done a check yet.',
    noChanges: 'Your answers are the same as last time.',
    firstCheck: 'This is your first check.',
    change: 'Was: {before}. Now: {after}.',
    noAnswer: 'No answer',
    yourNote: 'Your note:',
    lastHappened: 'Last happened: {date}',
    view: 'See the check from {date}',
    loading: 'Opening your checks…',
    notFound: 'This check could not be found or opened.',
  },
  plan: {
    title: 'Your safety plan',
    lede: 'Write down what you will do to stay safe. It is kept encrypted in your private diary. Tick things when they are done.',
    empty: 'Nothing here yet.',
    suggestionsTitle: 'Ideas to add',
    suggestionsLede: 'Ideas that fit your latest risk check come first.',
    addLabel: 'Add: {text}',
    add: 'Add',
    ownTitle: 'Add your own',
    ownText: 'What will you do?',
    ownSection: 'Part of the plan',
    ownAdd: 'Add to my plan',
    done: 'Done',
    edit: 'Change',
    delete: 'Delete',
    editLabel: 'Change: {text}',
    deleteLabel: 'Delete: {text}',
    editText: 'Change what you will do',
    saveItem: 'Save change',
    saving: 'Saving your plan…',
    saved: 'Your plan is saved.',
    deleted: 'Deleted from your plan.',
    textError: 'Write what you will do',
    textLong: 'Keep it under 500 characters',
    conflict: 'Your plan was changed on another device. Go back and open it again.',
    print: 'Print your plan',
    loading: 'Opening your plan…',
    riskLink: 'Check the risk',
    printFooter:
      'In danger now? Call 999. If you cannot speak on a mobile, press 55 when asked. For advice, call the {helpline} on {phone}.',
    sections: PLAN_SECTION_WORDS.en,
    suggestions: {
      'people-trusted': 'Choose people you trust, and tell them what is happening.',
      'people-code-word':
        'Agree a code word with someone. When you say or text it, they call 999 for you.',
      'people-tell-others':
        'Tell neighbours and workmates, so they can look out for you and write down what they see.',
      'places-safe':
        'Know safe places you can go, like a busy shop, a friend’s home or a police station.',
      'home-locks': 'Lock every door and window, even when you are at home.',
      'home-keys': 'Find out who has keys to your home. Change the locks if a key is missing.',
      'home-lights': 'Put lights outside that come on when someone is near.',
      'home-doorbell': 'Think about a doorbell camera, to see and record who comes.',
      'home-post': 'Keep any post or parcels from them. Handle them as little as you can.',
      'travel-vary': 'Change your routes and the times you go out.',
      'travel-tell': 'Tell someone where you are going and when you will be back.',
      'travel-busy':
        'If you are followed, go to a busy place and call the police. It is never wasting their time.',
      'work-tell':
        'Tell your employer, school or college. Give reception a photo of the person if you can.',
      'online-privacy': 'Check the privacy settings on all your accounts.',
      'online-location': 'Turn off location sharing, and location in photos.',
      'online-trackers':
        'Check your phone, car and bags for trackers, and your devices for spying apps.',
      'online-logins': 'Check your accounts for logins you do not know, and change passwords.',
      'children-school': 'Tell the school who may collect your children, and who may not.',
      'children-pets': 'Keep pets indoors or somewhere safe.',
      'bag-phone': 'Keep a charged phone and charger with you.',
      'bag-documents': 'Pack ID, bank cards, medicines and important papers.',
      'bag-keys-money': 'Pack spare keys and some money.',
      'seen-no-contact': 'Do not talk to them or agree to meet. Say no once, clearly, then stop.',
      'seen-999': 'If you are in danger, call 999. If you cannot speak, press 55 when asked.',
      'seen-record': 'Write down when and where you saw them, and what they did.',
    },
  },
};

const cy: SafetyMessages = {
  risk: {
    title: 'Gwirio’r risg',
    guide:
      'Canllaw yw hwn i’ch helpu chi a’r bobl sy’n eich cefnogi. Nid asesiad gan yr heddlu neu weithiwr proffesiynol ydyw. Rhannwch ef gyda’r heddlu neu eiriolwr: gallan nhw farnu’r risg gyda chi.',
    answers: { yes: 'Ie', no: 'Na', notSure: 'Ddim yn siŵr' },
    note: 'Nodyn (dewisol)',
    date: 'Pryd ddigwyddodd e ddiwethaf? (dewisol)',
    dateHint: 'Er enghraifft, 27 3 2026',
    diarySays: 'Mae gan eich dyddiadur {n} cofnod am hyn.',
    diarySaysWeek: 'Mae gan eich dyddiadur {n} cofnod am hyn, a hyd at {week} mewn un wythnos.',
    diarySaysOne: 'Mae gan eich dyddiadur 1 cofnod am hyn.',
    questions: RISK_QUESTION_WORDS.cy,
    urgentTitle: 'Os ydych chi mewn perygl nawr, ffoniwch 999',
    urgent:
      'Mae eich atebion yn cynnwys arwyddion rhybudd difrifol. Os ydych chi mewn perygl nawr, ffoniwch 999. Os na allwch siarad ar ffôn symudol, arhoswch ar y llinell a phwyswch 55 pan ofynnir i chi.',
    warningsTitle: 'Arwyddion rhybudd yn eich atebion',
    noWarnings:
      'Nid oes yr un o’ch atebion yn arwydd rhybudd ar y rhestr hon. Nid yw hynny’n golygu eich bod yn ddiogel. Os ydych chi’n poeni, siaradwch â rhywun.',
    unsureTitle: 'Pethau nad oeddech chi’n siŵr amdanyn nhw',
    share: 'Rhannwch hyn gyda’r heddlu neu eiriolwr. Ffoniwch {helpline} ar {phone} am gyngor.',
    historyTitle: 'Eich gwiriadau cynharach',
    changedTitle: 'Beth sydd wedi newid ers eich gwiriad diwethaf',
    helpline: 'Llinell Gymorth Genedlaethol Stelcio',
    answerError: 'Dewiswch ie, na neu ddim yn siŵr',
    dateError: 'Rhowch ddyddiad go iawn, fel 27 3 2026',
    dateFuture: 'Rhaid i’r dyddiad fod heddiw neu cyn hynny',
    noteLong: 'Cadwch y nodyn o dan 2,000 o nodau',
    save: 'Cadw a gweld y canlyniad',
    saving: 'Yn cadw eich gwiriad…',
    saved: 'Mae eich gwiriad wedi’i gadw yn eich dyddiadur preifat.',
    resultTitle: 'Eich gwiriad risg',
    checkedOn: 'Gwiriwyd ar {date}',
    historyLink: 'Gweld eich gwiriadau cynharach',
    newCheck: 'Gwneud gwiriad newydd',
    planLink: 'Gwneud neu newid eich cynllun diogelwch',
    noChecks: 'Dydych chi ddim wedi gwneud gwiriad eto.',
    noChanges: 'Mae eich atebion yr un fath â’r tro diwethaf.',
    firstCheck: 'Dyma eich gwiriad cyntaf.',
    change: 'Cyn: {before}. Nawr: {after}.',
    noAnswer: 'Dim ateb',
    yourNote: 'Eich nodyn:',
    lastHappened: 'Digwyddodd ddiwethaf: {date}',
    view: 'Gweld y gwiriad o {date}',
    loading: 'Yn agor eich gwiriadau…',
    notFound: 'Doedd dim modd dod o hyd i’r gwiriad hwn na’i agor.',
  },
  plan: {
    title: 'Eich cynllun diogelwch',
    lede: 'Ysgrifennwch beth fyddwch chi’n ei wneud i gadw’n ddiogel. Caiff ei gadw wedi’i amgryptio yn eich dyddiadur preifat. Ticiwch bethau pan fyddan nhw wedi’u gwneud.',
    empty: 'Dim byd yma eto.',
    suggestionsTitle: 'Syniadau i’w hychwanegu',
    suggestionsLede: 'Mae syniadau sy’n addas i’ch gwiriad risg diwethaf yn dod gyntaf.',
    addLabel: 'Ychwanegu: {text}',
    add: 'Ychwanegu',
    ownTitle: 'Ychwanegu eich syniad eich hun',
    ownText: 'Beth fyddwch chi’n ei wneud?',
    ownSection: 'Rhan o’r cynllun',
    ownAdd: 'Ychwanegu at fy nghynllun',
    done: 'Wedi’i wneud',
    edit: 'Newid',
    delete: 'Dileu',
    editLabel: 'Newid: {text}',
    deleteLabel: 'Dileu: {text}',
    editText: 'Newid beth fyddwch chi’n ei wneud',
    saveItem: 'Cadw’r newid',
    saving: 'Yn cadw eich cynllun…',
    saved: 'Mae eich cynllun wedi’i gadw.',
    deleted: 'Wedi’i ddileu o’ch cynllun.',
    textError: 'Ysgrifennwch beth fyddwch chi’n ei wneud',
    textLong: 'Cadwch e o dan 500 o nodau',
    conflict: 'Cafodd eich cynllun ei newid ar ddyfais arall. Ewch yn ôl a’i agor eto.',
    print: 'Argraffu eich cynllun',
    loading: 'Yn agor eich cynllun…',
    riskLink: 'Gwirio’r risg',
    printFooter:
      'Mewn perygl nawr? Ffoniwch 999. Os na allwch siarad ar ffôn symudol, pwyswch 55 pan ofynnir i chi. Am gyngor, ffoniwch {helpline} ar {phone}.',
    sections: PLAN_SECTION_WORDS.cy,
    suggestions: {
      'people-trusted':
        'Dewiswch bobl rydych chi’n ymddiried ynddyn nhw, a dywedwch wrthyn nhw beth sy’n digwydd.',
      'people-code-word':
        'Cytunwch ar air cod gyda rhywun. Pan fyddwch chi’n ei ddweud neu’n ei decstio, byddan nhw’n ffonio 999 ar eich rhan.',
      'people-tell-others':
        'Dywedwch wrth gymdogion a chydweithwyr, fel y gallan nhw gadw llygad amdanoch ac ysgrifennu beth maen nhw’n ei weld.',
      'places-safe':
        'Gwybod am lefydd diogel y gallwch fynd iddyn nhw, fel siop brysur, cartref ffrind neu orsaf heddlu.',
      'home-locks': 'Clowch bob drws a ffenestr, hyd yn oed pan fyddwch chi gartref.',
      'home-keys':
        'Darganfyddwch pwy sydd ag allweddi i’ch cartref. Newidiwch y cloeon os oes allwedd ar goll.',
      'home-lights': 'Rhowch oleuadau y tu allan sy’n dod ymlaen pan fydd rhywun yn agos.',
      'home-doorbell': 'Ystyriwch gamera cloch drws, i weld a recordio pwy sy’n dod.',
      'home-post':
        'Cadwch unrhyw bost neu barseli ganddyn nhw. Cyffyrddwch â nhw cyn lleied â phosibl.',
      'travel-vary': 'Newidiwch eich llwybrau a’r amseroedd rydych chi’n mynd allan.',
      'travel-tell': 'Dywedwch wrth rywun ble rydych chi’n mynd a phryd byddwch chi’n ôl.',
      'travel-busy':
        'Os oes rhywun yn eich dilyn, ewch i le prysur a ffoniwch yr heddlu. Nid yw byth yn wastraff ar eu hamser.',
      'work-tell':
        'Dywedwch wrth eich cyflogwr, eich ysgol neu eich coleg. Rhowch lun o’r person i’r dderbynfa os gallwch.',
      'online-privacy': 'Gwiriwch y gosodiadau preifatrwydd ar eich holl gyfrifon.',
      'online-location': 'Diffoddwch rannu lleoliad, a’r lleoliad mewn lluniau.',
      'online-trackers':
        'Gwiriwch eich ffôn, eich car a’ch bagiau am dracwyr, a’ch dyfeisiau am apiau ysbïo.',
      'online-logins':
        'Gwiriwch eich cyfrifon am fewngofnodi nad ydych chi’n eu hadnabod, a newidiwch gyfrineiriau.',
      'children-school': 'Dywedwch wrth yr ysgol pwy gaiff gasglu eich plant, a phwy na chaiff.',
      'children-pets': 'Cadwch anifeiliaid anwes dan do neu rywle diogel.',
      'bag-phone': 'Cadwch ffôn wedi’i wefru a gwefrydd gyda chi.',
      'bag-documents': 'Paciwch ddogfen adnabod, cardiau banc, meddyginiaethau a phapurau pwysig.',
      'bag-keys-money': 'Paciwch allweddi sbâr ac ychydig o arian.',
      'seen-no-contact':
        'Peidiwch â siarad â nhw na chytuno i gwrdd. Dywedwch na unwaith, yn glir, yna stopiwch.',
      'seen-999':
        'Os ydych chi mewn perygl, ffoniwch 999. Os na allwch siarad, pwyswch 55 pan ofynnir i chi.',
      'seen-record': 'Ysgrifennwch pryd a ble y gwelsoch chi nhw, a beth wnaethon nhw.',
    },
  },
};

export const SAFETY_MESSAGES: Readonly<Record<AppLocale, SafetyMessages>> = { en, cy };
