import { customFields, shippingCountries } from '../../../lib/links/options';

describe('link options (pure)', () => {
  it('upper-cases and de-duplicates shipping countries', () => {
    expect(shippingCountries('us, US, gb')).toEqual({ countries: ['US', 'GB'] });
  });

  it('derives unique alphanumeric keys from labels, with a fallback for labels without latin letters', () => {
    const result = customFields([
      { label: 'Gift note' },
      { label: 'Gift-note!' },
      { label: '尺寸', type: 'dropdown', options: 'S, S, M' },
    ]);
    expect('fields' in result && result.fields.map((f) => f.key)).toEqual([
      'Giftnote',
      'Giftnote2',
      'field3',
    ]);
    expect('fields' in result && result.fields[2].dropdown?.options).toEqual([
      { label: 'S', value: 'S' },
      { label: 'S', value: 'S2' },
      { label: 'M', value: 'M' },
    ]);
  });
});
