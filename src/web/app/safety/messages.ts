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
import type { PlanSection, SuggestionKey } from '../../../domain/safety/safety-plan.js';
import type { AppLocale } from '../shell/messages.js';

interface QuestionWords {
  readonly question: string;
  readonly hint: string;
  /** What a "yes" means, shown in the result. */
  readonly meaning: string;
}

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
    questions: {
      fear: {
        question: 'Are you very frightened of what they might do?',
        hint: 'Trust your feelings. You know this person and this situation best.',
        meaning:
          'Your fear is a warning sign. Police take how frightened you are seriously when they judge risk.',
      },
      escalation: {
        question: 'Is it getting worse?',
        hint: 'For example, it happens more often, they come closer, or it feels more frightening.',
        meaning:
          'When stalking gets worse, the danger can grow quickly. Tell the police what has changed.',
      },
      threats: {
        question: 'Have they threatened to hurt you, sexually assault you or kill you?',
        hint: 'Include threats to hurt your children, family, friends or pets.',
        meaning: 'Threats are a serious warning sign. Take every threat seriously and report it.',
      },
      violence: {
        question: 'Have they been violent to you at any point in this?',
        hint: 'For example, pushing, grabbing, hitting, or touching you without your consent.',
        meaning: 'Violence is a crime and a serious warning sign. It can get worse. Report it.',
      },
      'past-violence': {
        question: 'Do you know if they have been violent to anyone before?',
        hint: 'For example, to an ex-partner, a family member or a stranger.',
        meaning:
          'Violence in the past is a warning sign for the future. Tell the police what you know.',
      },
      damage: {
        question: 'Have they damaged or broken anything of yours?',
        hint: 'For example, your car, your door, your post or your things.',
        meaning:
          'Damage to your things shows they are willing to cross lines. Keep photos and report it.',
      },
      visits: {
        question: 'Do they come to your home or work more than 3 times a week?',
        hint: 'Include driving past, or waiting outside.',
        meaning:
          'Turning up this often is a warning sign. Write down each time, and tell the police.',
      },
      loitering: {
        question: 'Do they wait or hang around places where you go?',
        hint: 'For example, near your home, work, school, gym or shops.',
        meaning: 'Waiting around where you go is a warning sign. It means they are watching you.',
      },
      'third-parties': {
        question: 'Have they contacted or bothered people close to you?',
        hint: 'For example, your family, partner, friends, neighbours or workmates.',
        meaning:
          'Going after people close to you is a warning sign. Ask them to write down what happens.',
      },
      proxies: {
        question: 'Have they got other people to help them?',
        hint: 'Other people may help on purpose, or without knowing what is going on.',
        meaning:
          'Using other people to reach you is a warning sign. Tell the police who is involved.',
      },
      'past-stalking': {
        question: 'Do you know if they have stalked or harassed anyone before?',
        hint: 'For example, an ex-partner, a colleague or a neighbour.',
        meaning: 'Stalking someone before is a warning sign that they will not stop on their own.',
      },
      substances: {
        question: 'Do they have problems with drugs or alcohol?',
        hint: 'Answer "Not sure" if you do not know.',
        meaning: 'Problems with drugs or alcohol can make them more dangerous.',
      },
      breach: {
        question: 'Have they broken a court order or bail conditions?',
        hint: 'For example, a restraining order, a Stalking Protection Order, a non-molestation order or bail conditions.',
        meaning:
          'Breaking an order is a crime and a serious warning sign. Report every breach to the police.',
      },
    },
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
    sections: {
      people: 'People to call, and code words',
      places: 'Safe places',
      home: 'At home',
      travel: 'Travel and routines',
      work: 'Work or school',
      online: 'Online',
      children: 'Children and pets',
      bag: 'Emergency bag',
      'if-seen': 'If you see them',
    },
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
    questions: {
      fear: {
        question: 'Ydych chi’n ofnus iawn o’r hyn y gallen nhw ei wneud?',
        hint: 'Ymddiriedwch yn eich teimladau. Chi sy’n adnabod y person a’r sefyllfa orau.',
        meaning:
          'Mae eich ofn yn arwydd rhybudd. Mae’r heddlu’n cymryd eich ofn o ddifrif wrth farnu risg.',
      },
      escalation: {
        question: 'Ydy e’n gwaethygu?',
        hint: 'Er enghraifft, mae’n digwydd yn amlach, maen nhw’n dod yn agosach, neu mae’n teimlo’n fwy brawychus.',
        meaning:
          'Pan fydd stelcio’n gwaethygu, gall y perygl dyfu’n gyflym. Dywedwch wrth yr heddlu beth sydd wedi newid.',
      },
      threats: {
        question: 'Ydyn nhw wedi bygwth eich brifo, ymosod arnoch yn rhywiol neu eich lladd?',
        hint: 'Cofiwch fygythiadau i frifo eich plant, eich teulu, eich ffrindiau neu eich anifeiliaid anwes.',
        meaning:
          'Mae bygythiadau’n arwydd rhybudd difrifol. Cymerwch bob bygythiad o ddifrif a rhowch wybod amdano.',
      },
      violence: {
        question: 'Ydyn nhw wedi bod yn dreisgar tuag atoch ar unrhyw adeg?',
        hint: 'Er enghraifft, gwthio, gafael, taro, neu eich cyffwrdd heb eich caniatâd.',
        meaning:
          'Mae trais yn drosedd ac yn arwydd rhybudd difrifol. Gall waethygu. Rhowch wybod amdano.',
      },
      'past-violence': {
        question: 'Ydych chi’n gwybod a ydyn nhw wedi bod yn dreisgar tuag at unrhyw un o’r blaen?',
        hint: 'Er enghraifft, tuag at gyn-bartner, aelod o’r teulu neu ddieithryn.',
        meaning:
          'Mae trais yn y gorffennol yn arwydd rhybudd ar gyfer y dyfodol. Dywedwch wrth yr heddlu beth rydych chi’n ei wybod.',
      },
      damage: {
        question: 'Ydyn nhw wedi difrodi neu dorri unrhyw beth sy’n perthyn i chi?',
        hint: 'Er enghraifft, eich car, eich drws, eich post neu eich pethau.',
        meaning:
          'Mae difrod i’ch pethau’n dangos eu bod yn barod i groesi ffiniau. Cadwch luniau a rhowch wybod amdano.',
      },
      visits: {
        question: 'Ydyn nhw’n dod i’ch cartref neu’ch gwaith fwy na 3 gwaith yr wythnos?',
        hint: 'Cofiwch yrru heibio, neu aros y tu allan.',
        meaning:
          'Mae troi i fyny mor aml yn arwydd rhybudd. Ysgrifennwch bob tro, a dywedwch wrth yr heddlu.',
      },
      loitering: {
        question: 'Ydyn nhw’n aros neu’n loetran mewn llefydd rydych chi’n mynd iddyn nhw?',
        hint: 'Er enghraifft, ger eich cartref, eich gwaith, yr ysgol, y gampfa neu’r siopau.',
        meaning:
          'Mae aros o gwmpas lle rydych chi’n mynd yn arwydd rhybudd. Mae’n golygu eu bod yn eich gwylio.',
      },
      'third-parties': {
        question: 'Ydyn nhw wedi cysylltu â phobl agos atoch neu eu poeni?',
        hint: 'Er enghraifft, eich teulu, eich partner, eich ffrindiau, eich cymdogion neu eich cydweithwyr.',
        meaning:
          'Mae mynd ar ôl pobl agos atoch yn arwydd rhybudd. Gofynnwch iddyn nhw ysgrifennu beth sy’n digwydd.',
      },
      proxies: {
        question: 'Ydyn nhw wedi cael pobl eraill i’w helpu?',
        hint: 'Gall pobl eraill helpu’n fwriadol, neu heb wybod beth sy’n digwydd.',
        meaning:
          'Mae defnyddio pobl eraill i’ch cyrraedd yn arwydd rhybudd. Dywedwch wrth yr heddlu pwy sy’n rhan o hyn.',
      },
      'past-stalking': {
        question:
          'Ydych chi’n gwybod a ydyn nhw wedi stelcio neu aflonyddu ar unrhyw un o’r blaen?',
        hint: 'Er enghraifft, cyn-bartner, cydweithiwr neu gymydog.',
        meaning:
          'Mae stelcio rhywun o’r blaen yn arwydd rhybudd na fyddan nhw’n stopio ar eu pennau eu hunain.',
      },
      substances: {
        question: 'Oes ganddyn nhw broblemau gyda chyffuriau neu alcohol?',
        hint: 'Atebwch "Ddim yn siŵr" os nad ydych chi’n gwybod.',
        meaning: 'Gall problemau gyda chyffuriau neu alcohol eu gwneud yn fwy peryglus.',
      },
      breach: {
        question: 'Ydyn nhw wedi torri gorchymyn llys neu amodau mechnïaeth?',
        hint: 'Er enghraifft, gorchymyn atal, Gorchymyn Diogelu rhag Stelcio, gorchymyn rhag molestu neu amodau mechnïaeth.',
        meaning:
          'Mae torri gorchymyn yn drosedd ac yn arwydd rhybudd difrifol. Rhowch wybod i’r heddlu am bob achos.',
      },
    },
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
    sections: {
      people: 'Pobl i’w ffonio, a geiriau cod',
      places: 'Llefydd diogel',
      home: 'Gartref',
      travel: 'Teithio ac arferion',
      work: 'Gwaith neu ysgol',
      online: 'Ar-lein',
      children: 'Plant ac anifeiliaid anwes',
      bag: 'Bag argyfwng',
      'if-seen': 'Os ydych chi’n eu gweld nhw',
    },
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
