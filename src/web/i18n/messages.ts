/**
 * Every interface string, in every locale. The Welsh table has the English table's type, so a
 * missing or extra string is a compile error: a page can never show a key or fall back silently.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  skipLink: 'Skip to main content',
  quickExit: {
    button: 'Exit this page',
    help: 'How quick exit works',
    /** Announced to screen readers after each Shift press; {n} is the presses left. */
    pressesLeft: 'Shift, press {n} more times to exit.',
    pressesLeftOne: 'Shift, press 1 more time to exit.',
    expired: 'Exit this page expired.',
    leaving: 'Loading.',
  },
  nav: {
    label: 'Main',
    home: 'Home',
    /** The private space (the vault): worded so a glance at the screen tells little. */
    vault: 'Private space',
  },
  language: {
    label: 'Language',
  },
  footer: {
    emergencyHeading: 'If you are in danger now',
    emergency: 'Call {phone}.',
    silentSolution: 'If you cannot speak on a mobile, stay on the line and press 55 when asked.',
    nonEmergency: 'Not an emergency? Call {phone} or report online to {force}.',
    nonEmergencyNoOnline: 'Not an emergency? Call {phone} to reach {force}.',
    reportOnline: 'report online',
    /** Said instead of 'report online' when the force has no online reporting. */
    reportInPerson: 'go to a police station',
    helplineHeading: 'Talk to someone',
    links: 'Support links',
    noTracking: 'This site sets no cookies and does not track you.',
    runBy: 'This service is run by {org}.',
  },
  home: {
    allPages: 'Everything on this site',
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'We could not find that page. Check the address, or go to the home page.',
    serverErrorTitle: 'Sorry, something went wrong',
    serverErrorBody: 'The page could not be shown. Please try again in a few minutes.',
    tooManyTitle: 'Too many requests',
    tooManyBody: 'Please wait a minute and try again.',
    homeLink: 'Go to the home page',
  },
  directory: {
    heading: 'Support services',
    filterHeading: 'Find the right service',
    audienceLegend: 'Who is it for?',
    areaLegend: 'Where?',
    anyone: 'Anyone',
    everywhere: 'National and local',
    national: 'National',
    local: 'Local',
    show: 'Show services',
    count: 'Showing {n} services.',
    countOne: 'Showing 1 service.',
    none: 'No services match your choice. Choose "Anyone", or call the National Stalking Helpline.',
    phone: 'Phone',
    website: 'Website',
    forWhom: 'For',
    area: 'Area',
    hours: 'Opening hours',
    openNow: 'Open now',
    closedNow: 'Closed now',
    always: 'Open 24 hours, every day',
    dayRange: '{from} to {to}',
    timeRange: '{opens} to {closes}',
    checkedAt: '"Open now" and "Closed now" were worked out at {time}, {zone} time.',
    audiences: {
      everyone: 'Everyone',
      adults: 'Adults',
      'children-and-young-people': 'Children and young people',
      men: 'Men',
      women: 'Women',
      lgbt: 'LGBT+ people',
      'deaf-or-hard-of-hearing': 'Deaf or hard of hearing people',
      practitioners: 'Professionals',
    },
  },
  search: {
    label: 'Search the questions',
    hint: 'For example: can I get an order',
    button: 'Search',
    results: '{n} answers found for "{q}".',
    resultsOne: '1 answer found for "{q}".',
    none: 'No answers found for "{q}". Try other words, or call the National Stalking Helpline.',
    showAll: 'Show all questions',
    tooLong: 'Your search was too long, so we used the first 100 characters.',
  },
  vault: {
    title: 'Private diary',
    loading: 'Opening the private diary…',
    noScript:
      'The private diary needs JavaScript, because it locks and unlocks your diary on this device. Everything else on this site works without it.',
  },
  /** The public self-check, "Is this stalking?" (src/server/routes/self-check.tsx). */
  selfCheck: {
    title: 'Is this stalking? A short check',
    description:
      'Answer 6 short questions to see what your answers suggest, what to do next and where to get help.',
    intro:
      'Answer 6 short questions about what is happening to you. We then explain what your answers suggest and what you can do.',
    private:
      'Your answers are not saved. We do not keep them, log them or put them in a cookie. When you close this page, they are gone.',
    guide:
      'This check is a guide. It is not an assessment by the police or a professional. Only the police and the courts can decide if something is a crime.',
    start: 'Start now',
    continue: 'Continue',
    back: 'Back',
    backHint: 'Use the Back button on this page to go to the last question.',
    startAgain: 'Start again',
    step: 'Question {n} of {total}',
    errorTitle: 'There is a problem',
    errorMissing: 'Choose an answer',
    errorMissingMany: 'Choose at least one answer, or choose "None of these"',
    errorNoneAndOthers: 'Choose "None of these", or choose the things that happened, not both',
    yes: 'Yes',
    no: 'No',
    notSure: 'Not sure',
    or: 'or',
    questions: {
      unwanted: {
        question: 'Is someone doing things to you that you do not want?',
        hint: 'This could be contact, turning up, watching you, or things online. You do not need to have told them to stop.',
      },
      repeated: {
        question: 'Has it happened more than once?',
        hint: 'Two times can be enough. The things do not have to be the same each time.',
      },
      behaviours: {
        question: 'Which of these have happened?',
        hint: 'Choose all that apply.',
      },
      fixated: {
        question: 'Do they seem fixed on you?',
        hint: 'For example, they keep coming back to you whatever you do or say, or they will not accept that it is over.',
      },
      obsessive: {
        question: 'Does it seem to take over their life?',
        hint: 'For example, they spend a lot of time on it, or they know things about your life that they should not know.',
      },
      fear: {
        question: 'Does it make you frightened, or have you changed your life because of it?',
        hint: 'For example, you feel scared or upset, or you have changed your route, your phone number or when you go out.',
      },
    },
    behaviours: {
      contact: 'They call, message, write or send you things',
      'turning-up': 'They turn up at your home, work or places you go',
      watching: 'They follow you, watch you or wait around near you',
      online: 'They track you, post about you or get into your accounts online',
      property: 'They damage your things or get into your home, car or work',
      others: 'They contact your family, friends or workmates, or get others to help them',
      threats: 'They threaten you or someone close to you',
      violence: 'They have hurt you or touched you without your consent',
      none: 'None of these',
    },
    result: {
      title: 'What your answers suggest',
      dangerTitle: 'If you are in danger now, call {phone}',
      danger:
        'You told us about threats, violence or fear. These are serious warning signs. If you are in danger now, call {phone}.',
      silent:
        'If you cannot speak on a mobile, stay on the line, cough or tap if you can, and press 55 when asked.',
      patterns: {
        'stalking-pattern':
          'What you describe sounds like stalking. Police look for behaviour that is fixated, obsessive, unwanted and repeated. Your answers match this pattern.',
        'harassment-pattern':
          'What you describe sounds like harassment. Harassment is unwanted behaviour that happens more than once and causes you alarm or distress. It can also be stalking.',
        once: 'One thing on its own is not usually harassment in law. But it can be the start of a pattern. Write down what happened, and anything that happens next.',
        unclear:
          'Your answers do not show a clear pattern. That does not mean nothing is wrong. If something worries you, talk to someone.',
      },
      notSafe:
        'This check cannot tell you that you are safe. If you feel something is wrong, trust that feeling.',
      fourTitle: 'Fixated, obsessive, unwanted, repeated',
      fourIntro: 'These are your answers about the pattern police look for:',
      four: {
        fixated: 'Fixed on you',
        obsessive: 'Takes over their life',
        unwanted: 'Unwanted',
        repeated: 'Happened more than once',
      },
      warningsTitle: 'Warning signs in your answers',
      warnings: {
        threats:
          'Threats. Take every threat seriously, even if they say it was a joke. Tell the police.',
        violence:
          'Violence. Being hurt or touched without consent is a crime. It can get worse. Tell the police.',
        property:
          'Damage or getting into your home, car or work. This is a sign they are willing to cross lines.',
        'turning-up':
          'Turning up where you are. Visits to your home or work, many times a week, are a warning sign.',
        others:
          'Involving other people. Contacting people close to you, or using others, is a warning sign.',
        fear: 'You are frightened. Your fear matters. Police take it into account when they judge risk.',
      },
      nextTitle: 'What you can do next',
      record: 'Keep a record of everything that happens, with dates and times.',
      safety: 'Read our advice on staying safe.',
      report: 'Report it to the police. It is never wasting their time.',
      reportCall: 'Not an emergency? Call {phone}.',
      helpTitle: 'Where to get help',
      helpline: 'Call the {name} on {phone} to talk it through.',
      allServices: 'Find more support services',
      diary: 'You can keep a private, locked diary on this site.',
      summaryTitle: 'Your answers',
      forgetHint:
        'Your answers are only on this page. Close it, or choose Start again, to clear them.',
    },
  },
  external: '(opens another website)',
  scrollableTable: 'Table, scrolls sideways',
  translationReview: 'This translation is waiting to be checked by a fluent speaker.',
};

export type Messages = typeof en;

const cy: Messages = {
  skipLink: "Neidio i'r prif gynnwys",
  quickExit: {
    button: 'Gadael y dudalen hon',
    help: 'Sut mae gadael yn gyflym yn gweithio',
    pressesLeft: 'Shift, pwyswch {n} gwaith eto i adael.',
    pressesLeftOne: 'Shift, pwyswch 1 waith eto i adael.',
    expired: "Mae 'Gadael y dudalen hon' wedi dod i ben.",
    leaving: 'Yn llwytho.',
  },
  nav: {
    label: 'Prif',
    home: 'Hafan',
    vault: 'Lle preifat',
  },
  language: {
    label: 'Iaith',
  },
  footer: {
    emergencyHeading: 'Os ydych chi mewn perygl nawr',
    emergency: 'Ffoniwch {phone}.',
    silentSolution:
      'Os na allwch siarad ar ffôn symudol, arhoswch ar y lein a phwyso 55 pan ofynnir i chi.',
    nonEmergency: 'Ddim yn argyfwng? Ffoniwch {phone} neu rhowch wybod ar-lein i {force}.',
    nonEmergencyNoOnline: 'Ddim yn argyfwng? Ffoniwch {phone} i gysylltu â {force}.',
    reportOnline: 'rhowch wybod ar-lein',
    reportInPerson: 'ewch i orsaf heddlu',
    helplineHeading: 'Siarad â rhywun',
    links: 'Dolenni cymorth',
    noTracking: "Nid yw'r wefan hon yn gosod cwcis nac yn eich tracio.",
    runBy: "Mae'r gwasanaeth hwn yn cael ei redeg gan {org}.",
  },
  home: {
    allPages: 'Popeth ar y wefan hon',
  },
  errors: {
    notFoundTitle: "Heb ddod o hyd i'r dudalen",
    notFoundBody:
      "Doedden ni ddim yn gallu dod o hyd i'r dudalen honno. Gwiriwch y cyfeiriad, neu ewch i'r hafan.",
    serverErrorTitle: "Mae'n ddrwg gennym, aeth rhywbeth o'i le",
    serverErrorBody:
      'Doedd dim modd dangos y dudalen. Rhowch gynnig arall arni ymhen ychydig funudau.',
    tooManyTitle: 'Gormod o geisiadau',
    tooManyBody: 'Arhoswch funud a rhowch gynnig arall arni.',
    homeLink: "Mynd i'r hafan",
  },
  directory: {
    heading: 'Gwasanaethau cymorth',
    filterHeading: "Dod o hyd i'r gwasanaeth iawn",
    audienceLegend: 'I bwy mae e?',
    areaLegend: 'Ble?',
    anyone: 'Unrhyw un',
    everywhere: 'Cenedlaethol a lleol',
    national: 'Cenedlaethol',
    local: 'Lleol',
    show: 'Dangos gwasanaethau',
    count: 'Yn dangos {n} o wasanaethau.',
    countOne: 'Yn dangos 1 gwasanaeth.',
    none: "Does dim gwasanaethau'n cyfateb i'ch dewis. Dewiswch 'Unrhyw un', neu ffoniwch y Llinell Gymorth Genedlaethol Stelcio.",
    phone: 'Ffôn',
    website: 'Gwefan',
    forWhom: 'Ar gyfer',
    area: 'Ardal',
    hours: 'Oriau agor',
    openNow: 'Ar agor nawr',
    closedNow: 'Ar gau nawr',
    always: 'Ar agor 24 awr, bob dydd',
    dayRange: '{from} i {to}',
    timeRange: '{opens} tan {closes}',
    checkedAt: "Cafodd 'Ar agor nawr' ac 'Ar gau nawr' eu cyfrifo am {time}, amser {zone}.",
    audiences: {
      everyone: 'Pawb',
      adults: 'Oedolion',
      'children-and-young-people': 'Plant a phobl ifanc',
      men: 'Dynion',
      women: 'Menywod',
      lgbt: 'Pobl LHDT+',
      'deaf-or-hard-of-hearing': 'Pobl fyddar neu drwm eu clyw',
      practitioners: 'Gweithwyr proffesiynol',
    },
  },
  search: {
    label: "Chwilio'r cwestiynau",
    hint: 'Er enghraifft: alla i gael gorchymyn',
    button: 'Chwilio',
    results: '{n} ateb wedi eu canfod ar gyfer "{q}".',
    resultsOne: '1 ateb wedi ei ganfod ar gyfer "{q}".',
    none: 'Dim atebion ar gyfer "{q}". Rhowch gynnig ar eiriau eraill, neu ffoniwch y Llinell Gymorth Genedlaethol Stelcio.',
    showAll: 'Dangos pob cwestiwn',
    tooLong: "Roedd eich chwiliad yn rhy hir, felly fe ddefnyddion ni'r 100 nod cyntaf.",
  },
  vault: {
    title: 'Dyddiadur preifat',
    loading: 'Yn agor y dyddiadur preifat…',
    noScript:
      "Mae angen JavaScript ar y dyddiadur preifat, oherwydd mae'n cloi ac yn datgloi eich dyddiadur ar y ddyfais hon. Mae popeth arall ar y wefan hon yn gweithio hebddo.",
  },
  selfCheck: {
    title: 'Ai stelcio yw hyn? Gwiriad byr',
    description:
      "Atebwch 6 cwestiwn byr i weld beth mae eich atebion yn ei awgrymu, beth i'w wneud nesaf a ble i gael help.",
    intro:
      "Atebwch 6 cwestiwn byr am beth sy'n digwydd i chi. Yna byddwn yn esbonio beth mae eich atebion yn ei awgrymu a beth allwch chi ei wneud.",
    private:
      "Nid yw eich atebion yn cael eu cadw. Nid ydym yn eu cadw, yn eu cofnodi nac yn eu rhoi mewn cwci. Pan fyddwch yn cau'r dudalen hon, maen nhw wedi mynd.",
    guide:
      "Canllaw yw'r gwiriad hwn. Nid asesiad gan yr heddlu neu weithiwr proffesiynol ydyw. Dim ond yr heddlu a'r llysoedd all benderfynu a yw rhywbeth yn drosedd.",
    start: 'Dechrau nawr',
    continue: 'Parhau',
    back: 'Yn ôl',
    backHint: "Defnyddiwch y botwm Yn ôl ar y dudalen hon i fynd i'r cwestiwn diwethaf.",
    startAgain: 'Dechrau eto',
    step: 'Cwestiwn {n} o {total}',
    errorTitle: 'Mae problem',
    errorMissing: 'Dewiswch ateb',
    errorMissingMany: 'Dewiswch o leiaf un ateb, neu dewiswch "Dim un o’r rhain"',
    errorNoneAndOthers:
      'Dewiswch "Dim un o’r rhain", neu dewiswch y pethau a ddigwyddodd, nid y ddau',
    yes: 'Ie',
    no: 'Na',
    notSure: 'Ddim yn siŵr',
    or: 'neu',
    questions: {
      unwanted: {
        question: 'Ydy rhywun yn gwneud pethau i chi nad ydych chi eu heisiau?',
        hint: "Gallai hyn fod yn gysylltu, yn troi i fyny, yn eich gwylio, neu'n bethau ar-lein. Does dim rhaid i chi fod wedi dweud wrthyn nhw am stopio.",
      },
      repeated: {
        question: 'Ydy e wedi digwydd fwy nag unwaith?',
        hint: "Gall dwywaith fod yn ddigon. Does dim rhaid i'r pethau fod yr un fath bob tro.",
      },
      behaviours: {
        question: "Pa rai o'r rhain sydd wedi digwydd?",
        hint: "Dewiswch bob un sy'n berthnasol.",
      },
      fixated: {
        question: "Ydyn nhw'n ymddangos fel eu bod wedi hoelio eu sylw arnoch chi?",
        hint: "Er enghraifft, maen nhw'n dal i ddod yn ôl atoch beth bynnag rydych chi'n ei wneud neu'n ei ddweud, neu dydyn nhw ddim yn derbyn ei fod ar ben.",
      },
      obsessive: {
        question: "Ydy e'n ymddangos fel ei fod yn cymryd drosodd eu bywyd?",
        hint: "Er enghraifft, maen nhw'n treulio llawer o amser arno, neu maen nhw'n gwybod pethau am eich bywyd na ddylen nhw eu gwybod.",
      },
      fear: {
        question: "Ydy e'n codi ofn arnoch, neu ydych chi wedi newid eich bywyd o'i herwydd?",
        hint: "Er enghraifft, rydych chi'n teimlo ofn neu'n ofidus, neu rydych chi wedi newid eich llwybr, eich rhif ffôn neu pryd rydych chi'n mynd allan.",
      },
    },
    behaviours: {
      contact: "Maen nhw'n ffonio, yn anfon negeseuon, yn ysgrifennu neu'n anfon pethau atoch",
      'turning-up':
        "Maen nhw'n troi i fyny yn eich cartref, eich gwaith neu lefydd rydych chi'n mynd",
      watching: "Maen nhw'n eich dilyn, yn eich gwylio neu'n aros o gwmpas yn agos atoch",
      online: "Maen nhw'n eich tracio, yn postio amdanoch neu'n mynd i mewn i'ch cyfrifon ar-lein",
      property:
        "Maen nhw'n difrodi eich pethau neu'n mynd i mewn i'ch cartref, eich car neu'ch gwaith",
      others:
        "Maen nhw'n cysylltu â'ch teulu, eich ffrindiau neu'ch cydweithwyr, neu'n cael eraill i'w helpu",
      threats: "Maen nhw'n eich bygwth chi neu rywun agos atoch",
      violence: 'Maen nhw wedi eich brifo neu eich cyffwrdd heb eich caniatâd',
      none: 'Dim un o’r rhain',
    },
    result: {
      title: 'Beth mae eich atebion yn ei awgrymu',
      dangerTitle: 'Os ydych chi mewn perygl nawr, ffoniwch {phone}',
      danger:
        "Fe ddywedoch chi wrthym am fygythiadau, trais neu ofn. Mae'r rhain yn arwyddion rhybudd difrifol. Os ydych chi mewn perygl nawr, ffoniwch {phone}.",
      silent:
        'Os na allwch siarad ar ffôn symudol, arhoswch ar y llinell, pesychwch neu tapiwch os gallwch, a phwyswch 55 pan ofynnir i chi.',
      patterns: {
        'stalking-pattern':
          "Mae'r hyn rydych chi'n ei ddisgrifio yn swnio fel stelcio. Mae'r heddlu'n chwilio am ymddygiad sy'n obsesiynol, yn sefydlog ar un person, yn ddigroeso ac yn cael ei ailadrodd. Mae eich atebion yn cyd-fynd â'r patrwm hwn.",
        'harassment-pattern':
          "Mae'r hyn rydych chi'n ei ddisgrifio yn swnio fel aflonyddu. Aflonyddu yw ymddygiad digroeso sy'n digwydd fwy nag unwaith ac sy'n achosi braw neu ofid i chi. Gall fod yn stelcio hefyd.",
        once: "Nid yw un peth ar ei ben ei hun fel arfer yn aflonyddu yn y gyfraith. Ond gall fod yn ddechrau patrwm. Ysgrifennwch beth ddigwyddodd, ac unrhyw beth sy'n digwydd nesaf.",
        unclear:
          "Nid yw eich atebion yn dangos patrwm clir. Nid yw hynny'n golygu nad oes dim byd o'i le. Os oes rhywbeth yn eich poeni, siaradwch â rhywun.",
      },
      notSafe:
        "Ni all y gwiriad hwn ddweud wrthych eich bod yn ddiogel. Os ydych chi'n teimlo bod rhywbeth o'i le, ymddiriedwch yn y teimlad hwnnw.",
      fourTitle: 'Sefydlog, obsesiynol, digroeso, ailadroddus',
      fourIntro: "Dyma eich atebion am y patrwm y mae'r heddlu'n chwilio amdano:",
      four: {
        fixated: 'Wedi hoelio sylw arnoch chi',
        obsessive: 'Yn cymryd drosodd eu bywyd',
        unwanted: 'Digroeso',
        repeated: 'Wedi digwydd fwy nag unwaith',
      },
      warningsTitle: 'Arwyddion rhybudd yn eich atebion',
      warnings: {
        threats:
          "Bygythiadau. Cymerwch bob bygythiad o ddifrif, hyd yn oed os ydyn nhw'n dweud mai jôc oedd e. Dywedwch wrth yr heddlu.",
        violence:
          'Trais. Mae cael eich brifo neu eich cyffwrdd heb ganiatâd yn drosedd. Gall waethygu. Dywedwch wrth yr heddlu.',
        property:
          "Difrod neu fynd i mewn i'ch cartref, eich car neu'ch gwaith. Mae hyn yn arwydd eu bod yn barod i groesi ffiniau.",
        'turning-up':
          "Troi i fyny lle rydych chi. Mae ymweld â'ch cartref neu'ch gwaith lawer gwaith yr wythnos yn arwydd rhybudd.",
        others:
          'Cynnwys pobl eraill. Mae cysylltu â phobl agos atoch, neu ddefnyddio eraill, yn arwydd rhybudd.',
        fear: "Mae ofn arnoch chi. Mae eich ofn yn bwysig. Mae'r heddlu'n ei ystyried wrth farnu risg.",
      },
      nextTitle: 'Beth allwch chi ei wneud nesaf',
      record: 'Cadwch gofnod o bopeth sy’n digwydd, gyda dyddiadau ac amseroedd.',
      safety: 'Darllenwch ein cyngor ar gadw’n ddiogel.',
      report: "Rhowch wybod i'r heddlu. Nid yw byth yn wastraff ar eu hamser.",
      reportCall: 'Ddim yn argyfwng? Ffoniwch {phone}.',
      helpTitle: 'Ble i gael help',
      helpline: 'Ffoniwch {name} ar {phone} i siarad am y peth.',
      allServices: 'Dod o hyd i ragor o wasanaethau cymorth',
      diary: 'Gallwch gadw dyddiadur preifat wedi’i gloi ar y wefan hon.',
      summaryTitle: 'Eich atebion',
      forgetHint:
        "Mae eich atebion ar y dudalen hon yn unig. Caewch hi, neu dewiswch Dechrau eto, i'w clirio.",
    },
  },
  external: '(yn agor gwefan arall)',
  scrollableTable: "Tabl, mae'n sgrolio i'r ochr",
  translationReview: "Mae'r cyfieithiad hwn yn aros i gael ei wirio gan siaradwr rhugl.",
};

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, cy };

export { format } from './format.js';
