/**
 * The risk check's questions in English and Welsh (what is asked, a hint, and what a "yes" means)
 * and the names of the safety plan's parts. They live here, beside the codes, because two layers
 * say them: the vault's safety screens (src/web/app/safety) and the report (src/report), which
 * prints each question as the person was asked it and the plan under the names they saw.
 * Every question is written for Mosaic (FACTS.md §9 gives the subjects only).
 *
 * The Welsh still needs review by a Welsh speaker (plain language, reading age 9–11).
 */
import type { Locale } from '../locales.js';
import type { RiskQuestion } from './risk-check.js';
import type { PlanSection } from './safety-plan.js';

export interface RiskQuestionWords {
  readonly question: string;
  readonly hint: string;
  /** What a "yes" means, shown in the result. */
  readonly meaning: string;
}

const en: Readonly<Record<RiskQuestion, RiskQuestionWords>> = {
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
    meaning: 'Turning up this often is a warning sign. Write down each time, and tell the police.',
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
    meaning: 'Using other people to reach you is a warning sign. Tell the police who is involved.',
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
};

const cy: Readonly<Record<RiskQuestion, RiskQuestionWords>> = {
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
    question: 'Ydych chi’n gwybod a ydyn nhw wedi stelcio neu aflonyddu ar unrhyw un o’r blaen?',
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
};

export const RISK_QUESTION_WORDS: Readonly<
  Record<Locale, Readonly<Record<RiskQuestion, RiskQuestionWords>>>
> = { en, cy };

export const PLAN_SECTION_WORDS: Readonly<Record<Locale, Readonly<Record<PlanSection, string>>>> = {
  en: {
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
  cy: {
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
};
