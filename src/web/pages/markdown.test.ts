import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContentError, renderMarkdown, slugify, type MarkdownContext } from './markdown.js';

const ctx: MarkdownContext = {
  pageHref: (slug) => (slug === '' ? '/cy/' : `/cy/${slug}`),
  helpline: (key) =>
    key === 'national-stalking-helpline'
      ? { name: 'National Stalking Helpline', phone: '0808 802 0300' }
      : undefined,
  police: {
    name: 'Heddlu',
    nonEmergencyPhone: '101',
    onlineReportUrl: 'https://police.example/report',
  },
  orgName: 'Org <Name>',
  text: {
    external: '(opens another website)',
    reportOnline: 'report online',
    reportInPerson: 'go to a police station',
    scrollableTable: 'Table, scrolls sideways',
  },
};

describe('renderMarkdown', () => {
  it('never lets HTML from the source through', () => {
    const { html } = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>',
      ctx,
    );
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('escapes any input: no tag but markdown-it’s own', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (source) => {
        const { html } = renderMarkdown(source.replace(/\{\{/g, '{ {'), ctx);
        expect(html).not.toMatch(/<(script|iframe|img|object|embed|style|svg|form)\b/i);
        expect(html).not.toMatch(/\son\w+=/i);
        expect(html).not.toMatch(/href="\s*javascript:/i);
      }),
    );
  });

  it('replaces placeholders with escaped text and tel: links', () => {
    const { html } = renderMarkdown(
      'Call {{phone:national-stalking-helpline}}. {{helpline:national-stalking-helpline}}. ' +
        '{{police:name}} {{police:online-report}} {{police:non-emergency}} {{org:name}}',
      ctx,
    );
    expect(html).toContain('<a href="tel:08088020300">0808 802 0300</a>');
    expect(html).toContain(
      '<strong>National Stalking Helpline</strong>: <a href="tel:08088020300">',
    );
    expect(html).toContain('<a href="https://police.example/report">report online</a>');
    expect(html).toContain('<a href="tel:101">101</a>');
    expect(html).toContain('Org &lt;Name&gt;');
  });

  it('says to go to a police station when the force has no online reporting', () => {
    const offline = { ...ctx, police: { ...ctx.police, onlineReportUrl: undefined } };
    const { html } = renderMarkdown(
      'Call {{police:non-emergency}} or {{police:online-report}}.',
      offline,
    );
    expect(html).toContain('<a href="tel:101">101</a> or go to a police station.');
  });

  it('makes tables reachable by keyboard when they scroll', () => {
    const { html } = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |', ctx);
    expect(html).toMatch(
      /^<div class="table-scroll" role="region" tabindex="0" aria-label="Table, scrolls sideways"><table>/,
    );
    expect(html).toContain('</table></div>');
  });

  it('refuses unknown placeholders', () => {
    expect(() => renderMarkdown('{{helpline:nope}}', ctx)).toThrow(ContentError);
    expect(() => renderMarkdown('{{police:chief}}', ctx)).toThrow(ContentError);
  });

  it('puts internal links in the reader’s language and marks external ones', () => {
    const { html, internalLinks } = renderMarkdown(
      '[law](/the-law#offences) [home](/) [gov](https://www.gov.uk)',
      ctx,
    );
    expect(html).toContain('<a href="/cy/the-law#offences">law</a>');
    expect(html).toContain('<a href="/cy/">home</a>');
    expect(html).toContain(
      '<a href="https://www.gov.uk">gov</a> <span class="external-note">(opens another website)</span>',
    );
    expect(internalLinks).toEqual(['the-law', '']);
  });

  it('gives headings unique ids and lists the h2s', () => {
    const { html, headings } = renderMarkdown(
      '## Can I get an order?\n\n## Can I get an order?\n\n### Detail',
      ctx,
    );
    expect(headings).toEqual([
      { id: 'can-i-get-an-order', text: 'Can I get an order?' },
      { id: 'can-i-get-an-order-2', text: 'Can I get an order?' },
    ]);
    expect(html).toContain('<h3 id="detail">');
  });
});

describe('slugify', () => {
  it('keeps letters of every script and drops accents', () => {
    expect(slugify('Beth yw stelcio?')).toBe('beth-yw-stelcio');
    expect(slugify('Ŵyn a ŷd')).toBe('wyn-a-yd');
    expect(slugify('ما هو المطاردة')).toBe('ما-هو-المطاردة');
  });
});
