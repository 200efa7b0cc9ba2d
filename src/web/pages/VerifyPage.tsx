/**
 * /verify (and /cy/verify): check an evidence bundle in the browser. The page is a form and two
 * empty regions; its script (src/web/verify/page.ts) reads the chosen .zip on this device, runs
 * the checker (src/report/verify.ts) in a Web Worker and writes one line per check into the list
 * and the verdict into the live region. Nothing is sent anywhere: the form has no action and the
 * script never posts it. Without JavaScript the form stays hidden and the page says why.
 */
import type { Locale } from '../../domain/locales.js';
import { VERIFY_MESSAGES } from '../i18n/verify-messages.js';
import { Layout } from './Layout.js';
import { VERIFY_SLUG, type Site } from './site.js';

export function VerifyPage(props: { site: Site; locale: Locale; logKey: string | undefined }) {
  const { site, locale, logKey } = props;
  const t = VERIFY_MESSAGES[locale];
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.title}
      description={t.description}
      slug={VERIFY_SLUG}
      scripts={[site.assets.verifyScript]}
      stylesheets={site.assets.verifyStylesheets}
    >
      <VerifyBody t={t} logKey={logKey} />
    </Layout>
  );
}

/** The page's body, shared with verify.html (which has no site around it). */
export function VerifyBody(props: {
  t: (typeof VERIFY_MESSAGES)[Locale];
  logKey: string | undefined;
  offline?: boolean;
}) {
  const { t, logKey, offline = false } = props;
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lede">{t.intro}</p>
      <p>{t.whoFor}</p>
      <p class="notice">{t.private}</p>
      <noscript>
        <p>{t.noScript}</p>
      </noscript>
      <form
        class="verify"
        data-verify=""
        hidden
        data-text-checking={t.checking}
        data-text-no-file={t.noFile}
        data-text-stopped={t.stopped}
        data-text-could-not-run={t.couldNotRun}
        data-text-passed={t.passed}
        data-text-passed-unproven={t.passedUnproven}
        data-text-failed={t.failed}
        data-text-ok={t.ok}
        data-text-fail={t.fail}
        data-text-note={t.note}
      >
        <div class="verify__drop" data-verify-drop="">
          <label class="label" for="verify-file">
            {t.fileLabel}
          </label>
          <p class="hint" id="verify-file-hint">
            {t.fileHint}
          </p>
          <input
            type="file"
            id="verify-file"
            accept=".zip,application/zip"
            aria-describedby="verify-file-hint"
            data-verify-file=""
          />
        </div>
        {!offline && (
          <div class="verify__key">
            <label class="label" for="verify-key">
              {t.keyLabel}
            </label>
            <p class="hint" id="verify-key-hint">
              {t.keyHint}
            </p>
            <textarea
              id="verify-key"
              rows={3}
              spellcheck={false}
              autocomplete="off"
              aria-describedby="verify-key-hint"
              data-verify-key=""
            >
              {logKey ?? ''}
            </textarea>
          </div>
        )}
        <div class="verify__buttons">
          <button type="submit" class="button">
            {t.check}
          </button>
          <button type="button" class="button verify__stop" data-verify-stop="" hidden>
            {t.stop}
          </button>
        </div>
      </form>
      <p class="verify__status" role="status" aria-live="polite" data-verify-status="" />
      <section aria-labelledby="verify-results" data-verify-results="" hidden>
        <h2 id="verify-results">{t.resultsHeading}</h2>
        {t.inEnglish !== '' && <p>{t.inEnglish}</p>}
        <ul class="verify__lines" data-verify-lines="" />
      </section>
      {!offline && <p>{t.offline}</p>}
    </>
  );
}
