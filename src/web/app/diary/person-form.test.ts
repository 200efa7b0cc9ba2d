import { describe, expect, it } from 'vitest';
import { personSchema } from '../../../domain/diary/index.js';
import {
  accountOfLine,
  checkPerson,
  emptyPersonFields,
  personFieldIdOf,
  personFieldsToInput,
  personToFields,
  vehicleOfLine,
} from './person-form.js';

describe('person form', () => {
  it('needs a name or an alias', () => {
    const result = checkPerson(emptyPersonFields());
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => personFieldIdOf(i.path))).toEqual(['person-name']);
    expect(checkPerson({ ...emptyPersonFields(), alias: 'Blue van man' }).ok).toBe(true);
  });

  it('reads vehicles, phones and accounts one a line', () => {
    const input = personFieldsToInput({
      ...emptyPersonFields(),
      name: 'Mark',
      relationship: 'ex-partner',
      vehicles: 'AB12 CDE blue Ford\n\nXYZ123',
      phones: '07700 900123\n withheld ',
      accounts: 'Instagram: @mark\nmark@example',
    });
    expect(input.vehicles).toEqual([
      { registration: 'AB12 CDE', notes: 'blue Ford' },
      { registration: 'XYZ123' },
    ]);
    expect(input.phones).toEqual([{ number: '07700 900123' }, { number: 'withheld' }]);
    expect(input.accounts).toEqual([
      { platform: 'Instagram', handle: '@mark' },
      { handle: 'mark@example' },
    ]);
    expect(input.relationship).toBe('ex-partner');
    expect(
      personFieldsToInput({ ...emptyPersonFields(), relationship: 'pirate' }).relationship,
    ).toBe(undefined);
  });

  it('keeps a link as an account handle, not a platform', () => {
    expect(accountOfLine('https://example.com/mark')).toEqual({
      handle: 'https://example.com/mark',
    });
  });

  it('keeps an over-long first word as notes', () => {
    expect(vehicleOfLine('a'.repeat(25))).toEqual({ notes: 'a'.repeat(25) });
  });

  it('round-trips a person, keeping fields the form does not show', () => {
    const person = personSchema.parse({
      name: 'Mark',
      alias: 'M',
      relationship: 'ex-partner',
      description: 'Tall',
      vehicles: [{ registration: 'AB12 CDE', notes: 'blue Ford' }],
      phones: [{ number: '07700 900123' }],
      emails: ['mark@example.com'],
      accounts: [{ platform: 'Instagram', handle: '@mark' }],
      address: '1 High Street',
    });
    const back = checkPerson(personToFields(person));
    expect(back).toEqual({ ok: true, value: person });
  });
});
