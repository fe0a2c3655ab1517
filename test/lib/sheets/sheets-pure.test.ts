import {
  columnIndex,
  columnLetter,
  firstRowOf,
  parseSpreadsheetId,
  quoteSheetName,
  rangeOf,
  widthOf,
} from '../../../lib/sheets/a1';
import {
  buildRow,
  cellValue,
  headerFields,
  movedColumns,
  normalizeHeader,
  resolveColumn,
  sameCell,
  valuesByColumn,
} from '../../../lib/sheets/row';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf';

describe('spreadsheet URL or ID', () => {
  it.each([
    [ID],
    [`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`],
    [`https://docs.google.com/spreadsheets/d/${ID}`],
    [`https://docs.google.com/spreadsheets/u/1/d/${ID}/edit?usp=sharing`],
    [`  ${ID}  `],
  ])('%s', (input) => expect(parseSpreadsheetId(input)).toEqual({ id: ID }));

  it.each([
    ['', /empty/],
    ['my orders sheet', /URL/],
    [`https://docs.google.com/document/d/${ID}/edit`, /not a spreadsheet/],
    [`https://drive.google.com/file/d/${ID}/view`, /drive\.google\.com/],
    ['https://example.com/spreadsheets/d/abc', /example\.com/],
    ['1AbC', /URL/],
  ])('refuses %j', (input, message) =>
    expect(parseSpreadsheetId(input)).toEqual({ problem: expect.stringMatching(message) }),
  );
});

describe('A1 addressing', () => {
  it.each([
    ['Orders', "'Orders'"],
    ["Bob's Orders", "'Bob''s Orders'"],
    ['Q1 2026', "'Q1 2026'"],
    ['Bestellungen März', "'Bestellungen März'"],
    ["'quoted'", "'''quoted'''"],
  ])('quotes %s as %s', (name, quoted) => expect(quoteSheetName(name)).toBe(quoted));

  it('anchors ranges', () => expect(rangeOf("Bob's Orders", 'A1')).toBe("'Bob''s Orders'!A1"));

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s and back', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });

  it('knows what is not a column', () => {
    expect(columnIndex('A1')).toBeNull();
    expect(columnIndex('Session ID')).toBeNull();
    expect(columnIndex('')).toBeNull();
  });

  it('reads rows and widths from ranges', () => {
    expect(firstRowOf("'Bob''s Orders'!A6:K6")).toBe(6);
    expect(firstRowOf('Orders!A1000')).toBe(1000);
    expect(widthOf('Orders!A1:F10')).toBe(6);
    expect(widthOf("'A!B'!B2:C3")).toBe(2);
  });
});

describe('rows', () => {
  it('labels one field per header column, keyed by letter', () => {
    expect(headerFields(['Session ID', '', 'Email'])).toEqual([
      { key: 'COL$A', label: 'Session ID', required: false },
      { key: 'COL$B', label: 'Column B (no header)', required: false },
      { key: 'COL$C', label: 'Email', required: false },
    ]);
  });

  it('pads to the header width so gaps never shift values', () => {
    const values = valuesByColumn({ COL$A: 'cs_1', COL$D: 'x', spreadsheet: 'ignored' });
    expect(buildRow(values, 6)).toEqual(['cs_1', '', '', 'x', '', '']);
  });

  it.each([
    ['=IMPORTXML("https://evil.example","//a")', '=IMPORTXML("https://evil.example","//a")'],
    ['+1 555 0100', '+1 555 0100'],
    ['@everyone', '@everyone'],
    ['-', '-'],
    ['48.60', 48.6],
    ['-5', -5],
    ['1042', 1042],
    ['02134', '02134'],
    ['1234567890123456789', '1234567890123456789'],
    ['123456789012345', 123456789012345],
    ['1234567890.1234567', '1234567890.1234567'],
    ['0.12345678901234567', '0.12345678901234567'],
    ['-12345.6789012345', -12345.6789012345],
    ['0.000123456789012345', 0.000123456789012345],
    [12.5, 12.5],
    [true, true],
    [null, ''],
    [['a', 'b'], 'a, b'],
  ])('%j is written as %j', (input, written) => expect(cellValue(input)).toStrictEqual(written));

  it('finds a dedupe column by header text or by letter', () => {
    const header = ['Session ID', 'Customer Email'];
    expect(resolveColumn('session id', header)).toBe(0);
    expect(resolveColumn(' Customer_Email ', header)).toBe(1);
    expect(resolveColumn('B', header)).toBe(1);
    expect(resolveColumn('Nope Column', header)).toBeNull();
  });

  it('prefers a header over the letter it spells, and refuses letters outside the header', () => {
    const header = ['Customer', 'Email', 'ID', 'SKU'];
    expect(resolveColumn('ID', header)).toBe(2);
    expect(resolveColumn('sku', header)).toBe(3);
    expect(resolveColumn('SID', header)).toBeNull();
    expect(resolveColumn('E', header)).toBeNull();
    expect(resolveColumn('C', [])).toBe(2);
  });

  it('compares cells as text', () => {
    expect(sameCell(1042, '1042')).toBe(true);
    expect(sameCell(' cs_1 ', 'cs_1')).toBe(true);
    expect(sameCell('', '')).toBe(false);
  });
});

describe('moved columns', () => {
  const shown = ['Session ID', 'Customer', 'Email'];
  it('names a mapped column whose header now sits elsewhere', () => {
    expect(movedColumns([0, 2], shown, ['Date', 'Session ID', 'Customer', 'Email'])).toEqual([
      { header: 'Session ID', was: 'A', now: 'B' },
      { header: 'Email', was: 'C', now: 'D' },
    ]);
  });
  it('lets renames, additions at the end and unmapped moves pass', () => {
    expect(movedColumns([0, 2], shown, ['Session ID', 'Customer', 'E-mail'])).toEqual([]);
    expect(movedColumns([0, 2], shown, [...shown, 'Notes'])).toEqual([]);
    expect(movedColumns([0], shown, ['Session ID', 'Email', 'Customer'])).toEqual([]);
    expect(movedColumns([3], shown, ['x'])).toEqual([]);
  });
});

describe('cells: value and type', () => {
  it.each([
    ['1200000000000000005', '1200000000000000005'],
    ['1000000000000000001', '1000000000000000001'],
    ['-1200000000000000005', '-1200000000000000005'],
    ['100000000000000', 100000000000000],
    ['-0.5', -0.5],
    ['0', 0],
    [undefined, ''],
    [{ sku: 'A-1' }, '{"sku":"A-1"}'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [1e21, 1e21],
    [false, false],
  ])('%j is written as %j', (input, written) => expect(cellValue(input)).toStrictEqual(written));

  it('every 16- to 19-digit id stays text, whatever its zeros', () => {
    for (const digits of [16, 17, 18, 19])
      for (const id of ['1'.padEnd(digits, '0'), `9${'0'.repeat(digits - 2)}7`, '4'.repeat(digits)])
        expect([id, cellValue(id)]).toEqual([id, id]);
  });
});

describe('rows: every mapped value lands in its column', () => {
  it('a value past the header width widens the row instead of being dropped', () => {
    expect(buildRow(new Map([[4, 'late']]), 2)).toEqual(['', '', '', '', 'late']);
    expect(buildRow(new Map([[0, 'a']]), 0)).toEqual(['a']);
    expect(buildRow(new Map(), 0)).toEqual([]);
  });

  it('reads only COL$ keys that name a column', () => {
    const values = valuesByColumn({ col$C: 'x', COL$1: 'y', COL$: 'z', COL$b: 'w' });
    expect([...values.entries()]).toEqual([[1, 'w']]);
  });

  it('labels trimmed headers, and blank or missing ones by letter', () => {
    expect(
      headerFields(['  Email  ', '   ', null as unknown as string]).map((f) => f.label),
    ).toEqual(['Email', 'Column B (no header)', 'Column C (no header)']);
  });

  it.each([
    ['  Customer__Email\t', 'customer email'],
    ['Customer  Email', 'customer email'],
    ['ID', 'id'],
    [null, ''],
    [undefined, ''],
  ])('normalizes the header %j to %j', (text, normal) =>
    expect(normalizeHeader(text)).toBe(normal),
  );

  it('matches headers by words, not by letters run together', () => {
    expect(resolveColumn('Customer Email', ['Customer  Email'])).toBe(0);
    expect(resolveColumn('CustomerEmail', ['Customer Email'])).toBeNull();
  });

  it.each([
    ['cs_1', 'cs_2', false],
    ['cs_1', ' cs_1 ', true],
    ['  ', ' ', false],
    [null, '', false],
    [null, null, false],
    [undefined, 'x', false],
    [0, '0', true],
  ])('sameCell(%j, %j) is %j', (a, b, same) => expect(sameCell(a, b)).toBe(same));

  it('names a column moved into A, by its trimmed header', () =>
    expect(movedColumns([1], ['x', ' Session ID '], ['Session ID', 'x'])).toEqual([
      { header: 'Session ID', was: 'B', now: 'A' },
    ]));
});
