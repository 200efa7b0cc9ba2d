/**
 * The questions page: a search form, then every question and answer — or, for `?q=`, only the
 * ones that match, best first. The same markup is searched instantly by the browser when
 * JavaScript runs (src/web/enhance/qa-search.ts).
 */
import type { Locale } from '../../domain/locales.js';
import { format, MESSAGES } from '../i18n/messages.js';
import { Markdown } from './Markdown.js';
import type { Section } from './markdown.js';

export interface QuestionsBodyProps {
  readonly locale: Locale;
  readonly intro: string;
  readonly sections: readonly Section[];
  /** The search as typed (already cut to length), or undefined when not searching. */
  readonly query: string | undefined;
  /** Ids of matching sections, best first; undefined when not searching. */
  readonly matches: readonly string[] | undefined;
  readonly truncated: boolean;
  readonly action: string;
}

export function QuestionsBody(props: QuestionsBodyProps) {
  const { locale, intro, sections, query, matches, truncated, action } = props;
  const t = MESSAGES[locale].search;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const shown = matches === undefined ? sections : matches.flatMap((id) => byId.get(id) ?? []);
  return (
    <>
      <Markdown html={intro} />
      <form
        method="get"
        action={action}
        role="search"
        class="search"
        data-qa-search=""
        data-filtered={matches === undefined ? undefined : ''}
        data-text-results={t.results}
        data-text-results-one={t.resultsOne}
        data-text-none={t.none}
      >
        <label for="q" class="label">
          {t.label}
        </label>
        <p id="q-hint" class="hint">
          {t.hint}
        </p>
        <div class="search__row">
          <input
            type="search"
            id="q"
            name="q"
            value={query ?? ''}
            maxLength={100}
            autocomplete="off"
            aria-describedby="q-hint"
            class="search__input"
          />
          <button type="submit" class="button">
            {t.button}
          </button>
        </div>
      </form>
      <p role="status" data-qa-status="" class="search__status">
        {truncated && `${t.tooLong} `}
        {query !== undefined &&
          format(shown.length === 0 ? t.none : shown.length === 1 ? t.resultsOne : t.results, {
            n: shown.length,
            q: query,
          })}
      </p>
      {matches !== undefined && (
        <p>
          <a href={action}>{t.showAll}</a>
        </p>
      )}
      <div class="qa-list" data-qa-list="">
        {shown.map((s) => (
          <section class="qa prose" data-qa={s.id} key={s.id}>
            <Markdown html={s.html} />
          </section>
        ))}
      </div>
    </>
  );
}
