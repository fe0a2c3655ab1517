import { asBoolean, checkFlag, listItems } from '../../lib/input';

describe('listItems: one reader for pasted lists', () => {
  it('text lists (link options) split on commas, semicolons and line breaks, keeping spaces', () => {
    expect(listItems(['us', 'GB, de'], 'text')).toEqual(['us', 'GB', 'de']);
    expect(listItems('US;CA\nMX', 'text')).toEqual(['US', 'CA', 'MX']);
    expect(listItems('Gift wrap, Card only', 'text')).toEqual(['Gift wrap', 'Card only']);
    expect(listItems(undefined, 'text')).toEqual([]);
  });

  it('id lists (payments, payment links) also split on spaces and tabs', () => {
    expect(listItems('pi_1 pi_2\tpi_3,\n pi_4;pi_5', 'ids')).toEqual([
      'pi_1',
      'pi_2',
      'pi_3',
      'pi_4',
      'pi_5',
    ]);
    expect(listItems(['plink_1,plink_2', ' plink_3 ', ''], 'ids')).toEqual([
      'plink_1',
      'plink_2',
      'plink_3',
    ]);
    expect(listItems(null, 'ids')).toEqual([]);
  });
});

describe('the yes/no reader', () => {
  it.each([
    [true, true],
    ['yes', true],
    [' Y ', true],
    ['1', true],
    ['on', true],
    [false, false],
    ['No', false],
    ['0', false],
    ['off', false],
  ])('reads %j as %s, leniently and strictly', (value, flag) => {
    expect(asBoolean(value, !flag)).toBe(flag);
    expect(checkFlag(value, 'Flag')).toEqual({ flag });
  });

  it('empty is the default (lenient) or no (strict)', () => {
    for (const empty of [undefined, null, '', '  ']) {
      expect(asBoolean(empty, true)).toBe(true);
      expect(checkFlag(empty, 'Flag')).toEqual({ flag: false });
    }
  });

  it('anything else is the default (options) or refused, naming the field (money)', () => {
    expect(asBoolean('maybe', true)).toBe(true);
    expect(checkFlag(' MAYBE ', 'Reverse Transfer')).toEqual({
      problem: 'Reverse Transfer must be yes or no (or left empty for no); got "maybe".',
    });
  });
});
