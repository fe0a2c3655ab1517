import { checkAddress, checkAddressList, cleanHeaderText } from '../../../lib/email/address';

describe('checkAddress', () => {
  it.each([
    'ana@example.com',
    'first.last+tag@sub.example.co.uk',
    "o'brien@example.ie",
    'x@bücher.de',
    '  ana@example.com  ',
    '<ana@example.com>',
  ])('accepts one plain address: %p', (value) => {
    expect(checkAddress(value, 'To')).toEqual({ address: value.trim().replace(/^<|>$/g, '') });
  });

  it.each([
    ['a@x.com, b@y.com', /To "a@x.com, b@y.com" looks like a list/],
    ['a@x.com;b@y.com', /list of addresses/],
    ['Evil <evil@y.com>', /angle brackets/],
    ['a@x.com <evil@y.com>', /angle brackets/],
    ['<a@x.com>, <b@y.com>', /list/],
    ['a@x.com\r\nBcc: evil@y.com', /line break/],
    ['a@x.com\nb@y.com', /line break/],
    ['"a@x.com" b@y.com', /extra text/],
    ['evil@y.com (a@x.com)', /extra text/],
    ['group: a@x.com;', /list|extra/],
    ['a@x.com b@y.com', /extra text/],
    ['ana.example.com', /has no @/],
    ['ana@', /no valid domain/],
    ['ana@localhost', /no valid domain/],
    ['@example.com', /no valid part before/],
    ['a@b@example.com', /more than one @/],
    ['a..b@example.com', /not allowed before the @/],
    ['ana@exa_mple.com', /no valid domain/],
    ['', /To is empty/],
  ])('refuses %p, naming the field', (value, message) => {
    const result = checkAddress(value, 'To');
    expect(result).toEqual({ problem: expect.stringMatching(message) });
    expect((result as { problem: string }).problem).toMatch(/^To /);
  });

  it('refuses non-strings (a mapped number or object)', () => {
    expect(checkAddress(42, 'Reply-To')).toEqual({
      problem: expect.stringMatching(/^Reply-To is empty/),
    });
  });
});

describe('checkAddressList', () => {
  it('checks each item, skips empty rows and drops repeats', () => {
    expect(checkAddressList(['a@x.com', '', 'A@X.com', 'b@y.com'], 'CC')).toEqual({
      addresses: ['a@x.com', 'b@y.com'],
    });
  });

  it('names the field and the row of a bad item', () => {
    expect(checkAddressList(['a@x.com', 'b@y.com, c@z.com'], 'BCC')).toEqual({
      problem: expect.stringMatching(/^BCC \(item 2\) "b@y.com, c@z.com" looks like a list/),
    });
  });

  it('takes a single string as a one-item list', () => {
    expect(checkAddressList('a@x.com', 'CC')).toEqual({ addresses: ['a@x.com'] });
    expect(checkAddressList(undefined, 'CC')).toEqual({ addresses: [] });
  });
});

describe('cleanHeaderText', () => {
  it('keeps any language and turns control characters into single spaces', () => {
    expect(cleanHeaderText('Zoë 山田\r\nBcc: evil@y.com\t!')).toBe('Zoë 山田 Bcc: evil@y.com !');
    expect(cleanHeaderText(undefined)).toBe('');
  });
});
