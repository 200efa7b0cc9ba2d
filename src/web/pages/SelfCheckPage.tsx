/**
 * The public self-check, "Is this stalking?": a start page, one question a page, and the answer
 * page. Plain HTML forms, no script. Earlier answers travel in hidden fields of each POST and
 * nowhere else (never the address, a cookie or the server), so nothing is kept once the page is
 * closed. See src/server/routes/self-check.tsx for how Back works.
 */
import type { Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import {
  BEHAVIOURS,
  hiddenFields,
  NONE,
  outcome,
  QUESTIONS,
  type Answers,
  type Question,
  type SelfCheckError,
  type YesNo,
} from '../../domain/safety/self-check.js';
import { telHref } from '../../domain/services.js';
import { format, MESSAGES, type Messages } from '../i18n/messages.js';
import { Layout } from './Layout.js';
import {
  DIRECTORY_SLUG,
  findService,
  pagePath,
  SELF_CHECK_SLUG,
  VAULT_SLUG,
  type Site,
} from './site.js';

export type SelfCheckView =
  | { readonly kind: 'start' }
  | {
      readonly kind: 'question';
      readonly question: Question;
      readonly answers: Answers;
      readonly error?: SelfCheckError | undefined;
    }
  | { readonly kind: 'result'; readonly answers: Answers };

export function SelfCheckPage(props: { site: Site; locale: Locale; view: SelfCheckView }) {
  const { site, locale, view } = props;
  const t = MESSAGES[locale].selfCheck;
  const action = pagePath(site, locale, SELF_CHECK_SLUG);
  const title =
    view.kind === 'start'
      ? t.title
      : view.kind === 'result'
        ? t.result.title
        : t.questions[view.question].question;
  const errorPrefix = view.kind === 'question' && view.error ? `${t.errorTitle}: ` : '';
  return (
    <Layout
      site={site}
      locale={locale}
      title={`${errorPrefix}${title}`}
      description={t.description}
      slug={SELF_CHECK_SLUG}
    >
      {view.kind === 'start' && <Start t={t} action={action} />}
      {view.kind === 'question' && (
        <QuestionForm
          t={t}
          action={action}
          question={view.question}
          answers={view.answers}
          error={view.error}
        />
      )}
      {view.kind === 'result' && (
        <Result site={site} locale={locale} t={t} action={action} answers={view.answers} />
      )}
    </Layout>
  );
}

type T = Messages['selfCheck'];

function Start({ t, action }: { t: T; action: string }) {
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lede">{t.intro}</p>
      <p>{t.private}</p>
      <p class="notice">{t.guide}</p>
      <form method="post" action={action} class="self-check__form">
        <input type="hidden" name="step" value="start" />
        <button type="submit" name="action" value="continue" class="button button--start">
          {t.start}
        </button>
      </form>
    </>
  );
}

function Hidden({ answers, except }: { answers: Answers; except?: Question }) {
  return (
    <>
      {hiddenFields(answers, except).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={`${name}=${value}`} />
      ))}
    </>
  );
}

function QuestionForm(props: {
  t: T;
  action: string;
  question: Question;
  answers: Answers;
  error: SelfCheckError | undefined;
}) {
  const { t, action, question, answers, error } = props;
  const q = t.questions[question];
  const many = question === 'behaviours';
  const firstId = `${question}-${many ? BEHAVIOURS[0] : 'yes'}`;
  const errorText =
    error === 'noneAndOthers'
      ? t.errorNoneAndOthers
      : error === 'missing'
        ? many
          ? t.errorMissingMany
          : t.errorMissing
        : undefined;
  const describedBy = [`${question}-hint`, errorText ? `${question}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      {errorText && (
        <div class="error-summary" aria-labelledby="error-summary-title" role="alert">
          <h2 id="error-summary-title" class="error-summary__title">
            {t.errorTitle}
          </h2>
          <ul class="error-summary__list">
            <li>
              <a href={`#${firstId}`}>{errorText}</a>
            </li>
          </ul>
        </div>
      )}
      <form method="post" action={action} class="self-check__form">
        <Hidden answers={answers} except={question} />
        <input type="hidden" name="step" value={question} />
        <p class="self-check__step">
          {format(t.step, { n: QUESTIONS.indexOf(question) + 1, total: QUESTIONS.length })}
        </p>
        <fieldset
          class={errorText ? 'radios form-group--error' : 'radios'}
          aria-describedby={describedBy}
        >
          <legend class="self-check__legend">
            <h1>{q.question}</h1>
          </legend>
          <p class="hint" id={`${question}-hint`}>
            {q.hint}
          </p>
          {errorText && (
            <p class="error-message" id={`${question}-error`}>
              <span class="visually-hidden">{t.errorTitle}: </span>
              {errorText}
            </p>
          )}
          {many ? (
            <Checkboxes t={t} chosen={answers.behaviours} />
          ) : (
            <YesNoRadios t={t} name={question} chosen={answers[question]} />
          )}
        </fieldset>
        <div class="self-check__buttons">
          <button type="submit" name="action" value="continue" class="button">
            {t.continue}
          </button>
          <button type="submit" name="action" value="back" class="self-check__back">
            {t.back}
          </button>
        </div>
        <p class="hint">{t.backHint}</p>
      </form>
    </>
  );
}

function YesNoRadios(props: {
  t: T;
  name: Exclude<Question, 'behaviours'>;
  chosen?: YesNo | undefined;
}) {
  const { t, name, chosen } = props;
  const labels: Record<YesNo, string> = { yes: t.yes, no: t.no, 'not-sure': t.notSure };
  return (
    <>
      {(['yes', 'no', 'not-sure'] as const).map((value) => (
        <div class="radios__item" key={value}>
          <input
            type="radio"
            id={`${name}-${value}`}
            name={name}
            value={value}
            checked={chosen === value}
          />
          <label for={`${name}-${value}`}>{labels[value]}</label>
        </div>
      ))}
    </>
  );
}

function Checkboxes({ t, chosen }: { t: T; chosen: readonly string[] | undefined }) {
  return (
    <>
      {BEHAVIOURS.map((b) => (
        <div class="radios__item" key={b}>
          <input
            type="checkbox"
            id={`behaviours-${b}`}
            name="behaviours"
            value={b}
            checked={chosen?.includes(b) ?? false}
          />
          <label for={`behaviours-${b}`}>{t.behaviours[b]}</label>
        </div>
      ))}
      <p class="self-check__or">{t.or}</p>
      <div class="radios__item">
        <input
          type="checkbox"
          id="behaviours-none"
          name="behaviours"
          value={NONE}
          checked={chosen !== undefined && chosen.length === 0}
        />
        <label for="behaviours-none">{t.behaviours.none}</label>
      </div>
    </>
  );
}

function Result(props: { site: Site; locale: Locale; t: T; action: string; answers: Answers }) {
  const { site, locale, t, action, answers } = props;
  const r = t.result;
  const o = outcome(answers);
  const emergency = findService(site, 'emergency')?.phone ?? '999';
  const helpline = findService(site, 'national-stalking-helpline');
  const nonEmergency = site.profile.police.nonEmergencyPhone;
  const link = (slug: string, text: string) => <a href={pagePath(site, locale, slug)}>{text}</a>;
  const yesNo: Record<YesNo, string> = { yes: t.yes, no: t.no, 'not-sure': t.notSure };
  return (
    <>
      {o.urgent && (
        <section class="self-check__danger" aria-labelledby="danger-title">
          <h2 id="danger-title">
            <Phone template={r.dangerTitle} phone={emergency} />
          </h2>
          <p>
            <Phone template={r.danger} phone={emergency} />
          </p>
          <p>{r.silent}</p>
        </section>
      )}
      <h1>{r.title}</h1>
      <p class="lede">{r.patterns[o.pattern]}</p>
      <p>{r.notSafe}</p>
      <p class="notice">{t.guide}</p>

      <h2>{r.fourTitle}</h2>
      <p>{r.fourIntro}</p>
      <dl class="self-check__summary">
        {(['fixated', 'obsessive', 'unwanted', 'repeated'] as const).map((k) => (
          <div key={k}>
            <dt>{r.four[k]}</dt>
            <dd>{o.four[k] === undefined ? '–' : yesNo[o.four[k]]}</dd>
          </div>
        ))}
      </dl>

      {o.warnings.length > 0 && (
        <>
          <h2>{r.warningsTitle}</h2>
          <ul>
            {o.warnings.map((w) => (
              <li key={w}>{r.warnings[w]}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{r.nextTitle}</h2>
      <ul>
        <li>{link('keeping-a-record', r.record)}</li>
        <li>{link('staying-safe', r.safety)}</li>
        <li>
          {link('reporting-to-police', r.report)}{' '}
          <Phone template={r.reportCall} phone={nonEmergency} />
        </li>
        <li>{link(VAULT_SLUG, r.diary)}</li>
      </ul>

      <h2>{r.helpTitle}</h2>
      {helpline?.phone !== undefined && (
        <p>
          <Phone
            template={format(r.helpline, { name: localise(helpline.name, locale) })}
            phone={helpline.phone}
          />
        </p>
      )}
      <p>{link(DIRECTORY_SLUG, r.allServices)}</p>

      <h2>{r.summaryTitle}</h2>
      <dl class="self-check__summary">
        {QUESTIONS.map((q) => (
          <div key={q}>
            <dt>{t.questions[q].question}</dt>
            <dd>
              {q === 'behaviours'
                ? answers.behaviours === undefined
                  ? '–'
                  : answers.behaviours.length === 0
                    ? t.behaviours.none
                    : answers.behaviours.map((b) => t.behaviours[b]).join('; ')
                : answers[q] === undefined
                  ? '–'
                  : yesNo[answers[q]]}
            </dd>
          </div>
        ))}
      </dl>
      <p class="hint">{r.forgetHint}</p>
      <form method="post" action={action} class="self-check__form self-check__buttons">
        <Hidden answers={answers} />
        <input type="hidden" name="step" value="result" />
        <button type="submit" name="action" value="back" class="self-check__back">
          {t.back}
        </button>
        <a href={action} class="self-check__again">
          {t.startAgain}
        </a>
      </form>
    </>
  );
}

/** A sentence with a phone number as a tel: link in its {phone} slot. */
function Phone({ template, phone }: { template: string; phone: string }) {
  const [before, after] = template.split('{phone}');
  return (
    <>
      {before}
      {after !== undefined && (
        <>
          <a href={telHref(phone)}>{phone}</a>
          {after}
        </>
      )}
    </>
  );
}
