/**
 * The one place HTML from a string enters a page: the output of renderMarkdown, which parses
 * with raw HTML disabled and escapes every text it inserts.
 */
export function Markdown({ html }: { html: string }) {
  // eslint-disable-next-line no-restricted-syntax -- sanctioned: html comes from renderMarkdown only
  return <div class="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
