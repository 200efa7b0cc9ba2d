/**
 * /witness (and /cy/witness): the page a witness link opens (docs/vault-protocol.md §15.3). The
 * same for every link: it carries nothing about the person who asked, and uses the slim frame
 * (short name and quick exit, no public navigation). Its script (src/web/witness/) reads the
 * link's fragment, checks the link and the person's key, shows the form, seals what the witness
 * writes on their device and sends it; nothing is stored in the browser.
 */
import type { Locale } from '../../domain/locales.js';
import { WITNESS_LIMITS } from '../../domain/witness.js';
import { WITNESS_MESSAGES } from '../i18n/witness-messages.js';
import { Layout } from './Layout.js';
import { WITNESS_SLUG, type Site } from './site.js';

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  max: number;
  rows?: number;
  name: string;
}) {
  const { id, label, hint, max, rows, name } = props;
  const described = hint === undefined ? undefined : `${id}-hint`;
  return (
    <div class="witness__group" data-witness-group={name}>
      <label class="label" for={id}>
        {label}
      </label>
      {hint !== undefined && (
        <p class="hint" id={described}>
          {hint}
        </p>
      )}
      <p class="error-message" id={`${id}-error`} hidden data-witness-error={name} />
      {rows === undefined ? (
        <input
          type="text"
          id={id}
          name={name}
          class="witness__input"
          autocomplete="off"
          maxLength={max}
          aria-describedby={described}
        />
      ) : (
        <textarea
          id={id}
          name={name}
          class="witness__text"
          rows={rows}
          autocomplete="off"
          maxLength={max}
          aria-describedby={described}
        />
      )}
    </div>
  );
}

export function WitnessPage(props: { site: Site; locale: Locale }) {
  const { site, locale } = props;
  const t = WITNESS_MESSAGES[locale];
  const texts = Object.fromEntries(
    Object.entries(t).map(([key, value]) => [
      `data-text-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      value,
    ]),
  );
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.title}
      description={t.description}
      slug={WITNESS_SLUG}
      frame="vault"
      scripts={[site.assets.witnessScript]}
      stylesheets={site.assets.witnessStylesheets}
    >
      <div class="witness" data-witness="" data-locale={locale} {...texts}>
        <h1>{t.title}</h1>
        <p class="lede">{t.intro}</p>
        <p>{t.notNamed}</p>
        <p class="notice">{t.nothingKept}</p>
        <noscript>
          <p>{t.noScript}</p>
        </noscript>
        <p class="witness__status" role="status" aria-live="polite" data-witness-status="" />
        <div class="witness__done" data-witness-done="" hidden>
          <h2 tabindex={-1} data-witness-done-title="">
            {t.sentTitle}
          </h2>
          <p>{t.sentBody}</p>
        </div>
        <form class="witness__form" data-witness-form="" hidden novalidate autocomplete="off">
          <h2>{t.usefulTitle}</h2>
          <ul>
            <li>{t.useful1}</li>
            <li>{t.useful2}</li>
            <li>{t.useful3}</li>
            <li>{t.useful4}</li>
            <li>{t.useful5}</li>
          </ul>
          <div
            class="error-summary"
            data-witness-summary=""
            hidden
            tabindex={-1}
            aria-labelledby="witness-summary-title"
          >
            <h2 class="error-summary__title" id="witness-summary-title">
              {t.errorTitle}
            </h2>
            <ul class="error-summary__list" data-witness-summary-list="" />
          </div>
          <fieldset class="witness__group" data-witness-group="date">
            <legend class="label">{t.whenLegend}</legend>
            <p class="error-message" id="witness-date-error" hidden data-witness-error="date" />
            <div class="witness__when">
              <div>
                <label class="label" for="witness-date">
                  {t.dateLabel}
                </label>
                <input type="date" id="witness-date" name="date" autocomplete="off" />
              </div>
              <div>
                <label class="label" for="witness-time">
                  {t.timeLabel}
                </label>
                <input type="time" id="witness-time" name="time" autocomplete="off" />
              </div>
            </div>
            <div class="witness__check">
              <input type="checkbox" id="witness-approximate" name="approximate" />
              <label for="witness-approximate">{t.approximateLabel}</label>
            </div>
          </fieldset>
          <Field
            id="witness-where"
            name="where"
            label={t.whereLabel}
            hint={t.whereHint}
            max={WITNESS_LIMITS.where}
          />
          <Field
            id="witness-saw"
            name="saw"
            label={t.sawLabel}
            hint={t.sawHint}
            max={WITNESS_LIMITS.saw}
            rows={6}
          />
          <Field
            id="witness-said"
            name="said"
            label={t.saidLabel}
            hint={t.saidHint}
            max={WITNESS_LIMITS.said}
            rows={4}
          />
          <Field
            id="witness-how"
            name="howKnown"
            label={t.howKnownLabel}
            hint={t.howKnownHint}
            max={WITNESS_LIMITS.howKnown}
            rows={2}
          />
          <div class="witness__group" data-witness-group="files">
            <label class="label" for="witness-files">
              {t.filesLabel}
            </label>
            <p class="hint" id="witness-files-hint">
              {t.filesHint}
            </p>
            <p class="error-message" id="witness-files-error" hidden data-witness-error="files" />
            <input
              type="file"
              id="witness-files"
              name="files"
              class="witness__file"
              multiple
              accept="image/*,video/*,audio/*"
              aria-describedby="witness-files-hint"
            />
            <ul class="witness__chosen" data-witness-files="" />
          </div>
          <fieldset class="witness__group">
            <legend class="label">{t.aboutYouLegend}</legend>
            <p class="hint">{t.aboutYouHint}</p>
            <Field id="witness-name" name="name" label={t.nameLabel} max={WITNESS_LIMITS.name} />
            <Field
              id="witness-contact"
              name="contact"
              label={t.contactLabel}
              max={WITNESS_LIMITS.contact}
            />
          </fieldset>
          <fieldset class="witness__group" data-witness-group="declaration">
            <legend class="label">{t.declarationLegend}</legend>
            <p class="hint" id="witness-declaration-hint">
              {t.declarationHint}
            </p>
            <p
              class="error-message"
              id="witness-declaration-error"
              hidden
              data-witness-error="declaration"
            />
            <div class="witness__check">
              <input
                type="checkbox"
                id="witness-declaration"
                name="declaration"
                aria-describedby="witness-declaration-hint"
              />
              <label for="witness-declaration">{t.declarationLabel}</label>
            </div>
          </fieldset>
          <button type="submit" class="button">
            {t.send}
          </button>
        </form>
      </div>
    </Layout>
  );
}
