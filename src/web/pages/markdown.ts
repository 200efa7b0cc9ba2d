/**
 * Turns an organisation's Markdown into safe HTML. Raw HTML in the source is disabled (content is
 * data, never code); the only HTML produced is markdown-it's own and the few fragments built here
 * from escaped text.
 *
 * Placeholders keep facts in one place: `{{helpline:KEY}}`, `{{phone:KEY}}`, `{{police:name}}`,
 * `{{police:non-emergency}}`, `{{police:online-report}}`, `{{org:name}}`.
 */
import MarkdownIt, { type StateInline, type Token } from 'markdown-it';
import { telHref } from '../../domain/services.js';

export interface MarkdownContext {
  /** The URL of an internal page, given the slug written in the source ("" for home). */
  pageHref(slug: string): string;
  helpline(key: string): { readonly name: string; readonly phone: string } | undefined;
  readonly police: {
    readonly name: string;
    readonly nonEmergencyPhone: string;
    readonly onlineReportUrl: string | undefined;
  };
  readonly orgName: string;
  /** How many days after an event its bookings are kept (`{{bookings:retention-days}}`). */
  readonly bookingRetentionDays?: number;
  readonly text: {
    readonly external: string;
    readonly reportOnline: string;
    readonly reportInPerson: string;
    readonly scrollableTable: string;
  };
}

export interface RenderedMarkdown {
  readonly html: string;
  /** h2 headings with their anchor ids, in order (for contents lists and search). */
  readonly headings: readonly { readonly id: string; readonly text: string }[];
  /** Slugs of internal pages this text links to, for the link checker. */
  readonly internalLinks: readonly string[];
  /** The HTML before the first h2. */
  readonly intro: string;
  /** Each h2 with what follows it, as HTML and as plain text (for search). */
  readonly sections: readonly Section[];
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
  /** The section's words after its heading, without markup. */
  readonly text: string;
}

export class ContentError extends Error {
  override readonly name = 'ContentError';
}

const PLACEHOLDER = /^\{\{(helpline|phone|police|org|bookings):([a-z0-9-]+)\}\}/;

export function renderMarkdown(source: string, ctx: MarkdownContext): RenderedMarkdown {
  const md = MarkdownIt({ html: false, linkify: false, typographer: true });
  md.inline.ruler.before('emphasis', 'mosaic_placeholder', (state, silent) =>
    placeholderRule(state, silent, ctx),
  );
  // A wide table scrolls sideways on a phone; keyboard users must be able to reach and scroll it.
  md.renderer.rules.table_open = () =>
    `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(ctx.text.scrollableTable)}"><table>\n`;
  md.renderer.rules.table_close = () => '</table></div>\n';

  const env: { internalLinks: string[]; headings: { id: string; text: string }[] } = {
    internalLinks: [],
    headings: [],
  };
  const tokens = md.parse(source, env);
  rewriteLinks(tokens, ctx, env.internalLinks);
  addHeadingIds(tokens, env.headings);
  const html = md.renderer.render(tokens, md.options, env);
  const parts = html.split(/(?=<h2 id=")/);
  const intro = parts[0]?.startsWith('<h2') ? '' : (parts.shift() ?? '');
  const sections = parts.map((part, i) => {
    const heading = env.headings[i] ?? { id: '', text: '' };
    return {
      id: heading.id,
      title: heading.text,
      html: part,
      text: plainText(part.replace(/^<h2[^>]*>[\s\S]*?<\/h2>/, '')),
    };
  });
  return { html, headings: env.headings, internalLinks: env.internalLinks, intro, sections };
}

/** Text of our own rendered HTML (tags dropped, markdown-it's entities decoded). */
function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function placeholderRule(state: StateInline, silent: boolean, ctx: MarkdownContext): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
  const match = PLACEHOLDER.exec(state.src.slice(state.pos));
  if (!match) return false;
  const [whole, kind = '', key = ''] = match;
  if (!silent) {
    const push = (href: string | undefined, text: string): void => {
      if (href !== undefined) state.push('link_open', 'a', 1).attrSet('href', href);
      state.push('text', '', 0).content = text;
      if (href !== undefined) state.push('link_close', 'a', -1);
    };
    switch (kind) {
      case 'helpline':
      case 'phone': {
        const line = ctx.helpline(key);
        if (!line) throw new ContentError(`unknown helpline "${key}" in {{${kind}:${key}}}`);
        if (kind === 'helpline') {
          state.push('strong_open', 'strong', 1);
          push(undefined, line.name);
          state.push('strong_close', 'strong', -1);
          push(undefined, ': ');
        }
        push(telHref(line.phone), line.phone);
        break;
      }
      case 'police':
        if (key === 'name') push(undefined, ctx.police.name);
        else if (key === 'non-emergency')
          push(telHref(ctx.police.nonEmergencyPhone), ctx.police.nonEmergencyPhone);
        else if (key === 'online-report') {
          const url = ctx.police.onlineReportUrl;
          if (url) push(url, ctx.text.reportOnline);
          else push(undefined, ctx.text.reportInPerson);
        } else throw new ContentError(`unknown placeholder {{police:${key}}}`);
        break;
      case 'org':
        if (key !== 'name') throw new ContentError(`unknown placeholder {{org:${key}}}`);
        push(undefined, ctx.orgName);
        break;
      case 'bookings':
        if (key !== 'retention-days' || ctx.bookingRetentionDays === undefined) {
          throw new ContentError(`unknown placeholder {{bookings:${key}}}`);
        }
        push(undefined, String(ctx.bookingRetentionDays));
        break;
      default:
        throw new ContentError(`unknown placeholder {{${kind}:${key}}}`);
    }
  }
  state.pos += whole.length;
  return true;
}

/** Internal links get the reader's language; external ones say they leave the site. */
function rewriteLinks(tokens: Token[], ctx: MarkdownContext, internal: string[]): void {
  for (const block of tokens) {
    const children = block.children;
    if (!children) continue;
    for (let i = 0; i < children.length; i++) {
      const token = children[i];
      if (token?.type !== 'link_open') continue;
      const href = String(token.attrGet('href') ?? '');
      if (href.startsWith('/')) {
        const [pathPart = '', hash] = href.split('#', 2);
        const slug = pathPart.replace(/^\/+|\/+$/g, '');
        internal.push(slug);
        token.attrSet('href', ctx.pageHref(slug) + (hash ? `#${hash}` : ''));
      } else if (/^https?:\/\//.test(href)) {
        const close = children.findIndex((t, j) => j > i && t.type === 'link_close');
        if (close === -1) continue;
        const note = new (token.constructor as typeof Token)('html_inline', '', 0);
        note.content = ` <span class="external-note">${escapeHtml(ctx.text.external)}</span>`;
        children.splice(close + 1, 0, note);
      }
    }
  }
}

function addHeadingIds(tokens: Token[], headings: { id: string; text: string }[]): void {
  const used = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const text = tokens[i + 1]?.children?.map((c) => c.content).join('') ?? '';
    let id = slugify(text) || 'section';
    for (let n = 2; used.has(id); n++) id = `${slugify(text)}-${n}`;
    used.add(id);
    token.attrSet('id', id);
    if (token.tag === 'h2') headings.push({ id, text });
  });
}

/** "Can I get an order?" → "can-i-get-an-order"; keeps letters of every script. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
