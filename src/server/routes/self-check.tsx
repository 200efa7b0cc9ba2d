/**
 * The public self-check, "Is this stalking?", at /self-check and /cy/self-check. Works without
 * JavaScript; keeps nothing.
 *
 * Where the answers live: only in the forms. Each step is a POST whose body carries the earlier
 * answers in hidden fields plus the current one; the reply is the next question (or the answer
 * page) with those answers in its own hidden fields. Nothing is logged (the request log names
 * only the route), stored, put in the address or set in a cookie, and every reply is no-store.
 *
 * Back: a POST-redirect-GET would need the answers in the address or on the server, both ruled
 * out, so every step has its own Back button that POSTs the answers and shows the question
 * before, with its answer already chosen. The browser's own Back button returns to a POST reply
 * the browser was told not to keep, so it sends that form again (some browsers ask first); that
 * form held the answers up to the earlier question, so the earlier question shows again with its
 * answer chosen: Back behaves as Back. Each page also says to use the page's Back button.
 *
 * No CSRF token is needed, because nothing changes on the server, but a POST from another site
 * is still refused (it would let that site show our pages with answers it chose): when the
 * browser says where the request came from (Sec-Fetch-Site, or an Origin other than "null",
 * which is what same-origin posts send under Referrer-Policy: no-referrer), it must be us.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  answerError,
  isQuestion,
  nextStep,
  previousStep,
  QUESTIONS,
  readAnswers,
  type FormFields,
} from '../../domain/safety/self-check.js';
import { renderDocument } from '../../web/pages/render.js';
import { SelfCheckPage, type SelfCheckView } from '../../web/pages/SelfCheckPage.js';
import { pagePath, SELF_CHECK_SLUG, type Site } from '../../web/pages/site.js';
import { sendHtml } from './pages.js';

/** A form of six answers is well under 1 KiB; anything much larger is not ours. */
export const SELF_CHECK_BODY_LIMIT = 8 * 1024;
const MAX_FIELDS = 64;

export function selfCheckRoutes(app: FastifyInstance, site: Site): void {
  void app.register((scope, _options, done) => {
    // Only here: the rest of the service takes JSON or uploads, never form posts.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: SELF_CHECK_BODY_LIMIT },
      (_request, body, done) => done(null, parseForm(body as string)),
    );
    for (const locale of site.locales) {
      const path = pagePath(site, locale, SELF_CHECK_SLUG);
      const render = (view: SelfCheckView): string =>
        renderDocument(<SelfCheckPage site={site} locale={locale} view={view} />);
      const start = render({ kind: 'start' });
      scope.get(path, (_request, reply) => sendHtml(reply, 200, start));
      scope.post(path, { bodyLimit: SELF_CHECK_BODY_LIMIT }, (request, reply) => {
        if (!fromThisSite(request)) return sendHtml(reply, 403, start);
        const fields: FormFields =
          request.body !== null && typeof request.body === 'object'
            ? (request.body as FormFields)
            : {};
        return sendHtml(reply, 200, render(step(fields)));
      });
    }
    done();
  });
}

/** What to show after this form. */
export function step(fields: FormFields): SelfCheckView {
  const one = (name: string): string | undefined =>
    fields[name]?.length === 1 ? fields[name][0] : undefined;
  const current = one('step');
  const back = one('action') === 'back';
  const answers = readAnswers(fields);
  const last = QUESTIONS[QUESTIONS.length - 1] ?? 'fear';
  if (current === 'start') return { kind: 'question', question: QUESTIONS[0], answers };
  if (current === 'result') {
    return back ? { kind: 'question', question: last, answers } : { kind: 'result', answers };
  }
  if (!isQuestion(current)) return { kind: 'start' };
  if (back) {
    const previous = previousStep(current);
    return previous === 'start'
      ? { kind: 'start' }
      : { kind: 'question', question: previous, answers };
  }
  const error = answerError(fields, current);
  if (error) return { kind: 'question', question: current, answers, error };
  const next = nextStep(current);
  return next === 'result'
    ? { kind: 'result', answers }
    : { kind: 'question', question: next, answers };
}

export function parseForm(body: string): FormFields {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let count = 0;
  for (const [name, value] of new URLSearchParams(body)) {
    if (++count > MAX_FIELDS) break;
    (out[name] ??= []).push(value);
  }
  return out;
}

/** False when the browser says the request came from another site. */
export function fromThisSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') return fetchSite === 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    // Both through URL, so a default port written out (":80") compares equal to none.
    return new URL(origin).host === new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    return false;
  }
}
