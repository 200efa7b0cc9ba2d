import { describe, expect, it } from 'vitest';
import { samplePages } from './crawl.js';

describe('samplePages', () => {
  it('keeps every page but a few of each news article, event and filtered list per language', () => {
    const paths = [
      '/',
      '/the-law',
      '/news',
      '/news/a',
      '/news/b',
      '/news/c',
      '/cy/news/a',
      '/cy/news/b',
      '/cy/news/c',
      '/events',
      '/events?audience=public',
      '/events?type=course',
      '/events?online=yes',
      '/events/one',
      '/events/two',
      '/events/three',
      '/cy/events',
      '/newsletter',
    ];
    expect(samplePages(paths)).toEqual([
      '/',
      '/the-law',
      '/news',
      '/news/a',
      '/news/b',
      '/cy/news/a',
      '/cy/news/b',
      '/events',
      '/events?audience=public',
      '/events?type=course',
      '/events/one',
      '/events/two',
      '/cy/events',
      '/newsletter',
    ]);
    expect(samplePages(paths, 1)).toHaveLength(10);
  });
});
