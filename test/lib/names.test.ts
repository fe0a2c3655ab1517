import { customerNameParts, looksLikeBusiness, splitPersonName } from '../../lib/names';

describe('first and last name from one name', () => {
  it.each<[string, string | null, string | null]>([
    ['Ada Lovelace', 'Ada', 'Lovelace'],
    ['  Ada   Lovelace ', 'Ada', 'Lovelace'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Ada King Lovelace', 'Ada', 'King Lovelace'],
    ['Lovelace, Ada', 'Ada', 'Lovelace'],
    ['Lovelace, Ada Augusta', 'Ada Augusta', 'Lovelace'],
    ['Martin Luther King, Jr.', 'Martin', 'Luther King Jr.'],
    ['Dr. Grace Hopper', 'Grace', 'Hopper'],
    ['Dr Smith', null, 'Smith'],
    ['Cher', 'Cher', null],
    ['山田 太郎', '太郎', '山田'],
    ['山田太郎', '山田太郎', null],
    ['', null, null],
  ])('%s → %s / %s', (name, first, last) => {
    expect(splitPersonName(name)).toEqual({ first, last });
  });

  it.each(['Acme GmbH', 'Blue Fern Studio LLC', 'Smith & Sons', 'Fabrikam, Inc.', 'Contoso Ltd.'])(
    'treats %s as a business',
    (name) => expect(looksLikeBusiness(name)).toBe(true),
  );

  it.each(['Ada Lovelace', 'Asa Berg', 'Grace Ltdova'])('treats %s as a person', (name) =>
    expect(looksLikeBusiness(name)).toBe(false),
  );

  it('pins the accepted miss: a surname that is also a legal form ("Co") reads as a business', () => {
    expect(looksLikeBusiness('Sam Co')).toBe(true);
  });

  it('keeps business names whole in the first name, preferring the individual when Stripe has one', () => {
    expect(customerNameParts({ name: 'Acme GmbH', business_name: 'Acme GmbH' })).toEqual({
      first: 'Acme GmbH',
      last: null,
    });
    expect(customerNameParts({ name: 'Fabrikam, Inc.' })).toEqual({
      first: 'Fabrikam, Inc.',
      last: null,
    });
    expect(
      customerNameParts({
        name: 'Acme GmbH',
        business_name: 'Acme GmbH',
        individual_name: 'Grace Hopper',
      }),
    ).toEqual({ first: 'Grace', last: 'Hopper' });
    expect(customerNameParts({ name: null })).toEqual({ first: null, last: null });
  });
});
