import { describe, expect, it } from 'vitest';
import { checkDetails, detailsToFields } from './details-form.js';

const ok = { title: 'Car outside', day: '7', month: '3', year: '2026', note: '' };

describe('details form', () => {
  it('turns the fields into details', () => {
    expect(checkDetails(ok)).toEqual({
      ok: true,
      value: { title: 'Car outside', date: '2026-03-07' },
    });
    expect(checkDetails({ ...ok, title: '  x ', note: ' seen at 9 ' })).toEqual({
      ok: true,
      value: { title: 'x', date: '2026-03-07', note: 'seen at 9' },
    });
  });

  it('round-trips saved details', () => {
    const fields = detailsToFields({ title: 'A', date: '2026-11-30', note: 'n' });
    expect(fields).toEqual({ title: 'A', day: '30', month: '11', year: '2026', note: 'n' });
    expect(checkDetails(fields)).toEqual({
      ok: true,
      value: { title: 'A', date: '2026-11-30', note: 'n' },
    });
  });

  it('names each problem with its field', () => {
    const result = checkDetails({ title: ' ', day: '31', month: '2', year: '2026', note: '' });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'title', error: 'title' },
        { field: 'date', error: 'date' },
      ],
    });
    for (const date of [
      { day: '', month: '3', year: '2026' },
      { day: '1', month: '13', year: '2026' },
      { day: '1', month: '3', year: '26' },
      { day: 'x', month: '3', year: '2026' },
    ]) {
      expect(checkDetails({ ...ok, ...date })).toEqual({
        ok: false,
        errors: [{ field: 'date', error: 'date' }],
      });
    }
    expect(checkDetails({ ...ok, title: 'x'.repeat(201) })).toMatchObject({
      errors: [{ field: 'title', error: 'titleLong' }],
    });
    expect(checkDetails({ ...ok, note: 'x'.repeat(10_001) })).toMatchObject({
      errors: [{ field: 'note', error: 'noteLong' }],
    });
  });
});
