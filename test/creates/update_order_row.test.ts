import nock from 'nock';
import op from '../../creates/update_order_row';
import { caught, countRequests, makeBundle, refusedBeforeSending, SHEETS_HOST } from '../helpers';
import { useRuntime } from '../runtime';
import {
  cellsWrite,
  headerAndColumnRead,
  SHEET_ID,
  SHEET_URL,
  tabsRead,
  valuesPath,
  type CapturedCells,
} from './sheets-helpers';

// Zapier's runtime with a faithful cache (scope, TTL, nx): one per test, kept across its runs.
const runtime = useRuntime();
const run = (inputData: Record<string, unknown>) =>
  runtime().run(
    `creates.${op.key}.operation.perform`,
    makeBundle({ inputData: { spreadsheet: SHEET_URL, worksheet: 'Orders', ...inputData } }),
  );
const HEADER = [
  'Session ID',
  'Customer Email',
  'Amount',
  'Client Reference ID',
  'Refund Status',
  'Refund Amount',
  'Fulfillment Status',
  'Notes',
];
const SESSION = 'cs_test_a1B2c3D4e5';
const SESSIONS = ['Session ID', 'cs_test_first', SESSION, 'cs_test_third'];

describe('update_order_row', () => {
  it('writes only the given cells of the session’s row, RAW: one read and one write per update', async () => {
    const captured: CapturedCells[] = [];
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', SESSIONS);
    cellsWrite(captured);
    const out = await run({
      checkout_session: SESSION,
      refund_status: 'succeeded',
      refund_amount: '12.50',
    });
    expect(captured[0]).toEqual({
      valueInputOption: 'RAW',
      data: [
        { range: "'Orders'!E3", majorDimension: 'ROWS', values: [['succeeded']] },
        { range: "'Orders'!F3", majorDimension: 'ROWS', values: [[12.5]] },
      ],
    });
    expect(out).toEqual({
      found: true,
      spreadsheet_id: SHEET_ID,
      worksheet: 'Orders',
      row_number: 3,
      updated_range: "'Orders'!E3, 'Orders'!F3",
      updated_columns: ['Refund Status', 'Refund Amount'],
      matching_rows: 1,
    });
    const google = countRequests(
      headerAndColumnRead('Orders', HEADER, 'A', SESSIONS),
      cellsWrite(captured),
    );
    await run({ checkout_session: SESSION, fulfillment_status: 'shipped', notes: '=1+1' });
    expect(google()).toBe(2);
    expect(captured[1].data).toEqual([
      { range: "'Orders'!G3", majorDimension: 'ROWS', values: [['shipped']] },
      { range: "'Orders'!H3", majorDimension: 'ROWS', values: [['=1+1']] },
    ]);
  });

  it('finds the row by another column and value', async () => {
    const captured: CapturedCells[] = [];
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', SESSIONS);
    nock(SHEETS_HOST)
      .get(valuesPath("'Orders'!D:D"))
      .query({ majorDimension: 'COLUMNS' })
      .reply(200, {
        majorDimension: 'COLUMNS',
        values: [['Client Reference ID', 'order-1041', '', 'order-1042']],
      });
    cellsWrite(captured);
    const out = await run({
      lookup_column: 'Client Reference ID',
      lookup_value: 'order-1042',
      notes: 'Customer asked for gift wrap',
    });
    expect(out).toMatchObject({ found: true, row_number: 4 });
    expect(captured[0].data[0].range).toBe("'Orders'!H4");
  });

  it('a column inserted since the header was cached: the row and the cells follow the live header', async () => {
    const captured: CapturedCells[] = [];
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', SESSIONS);
    cellsWrite(captured);
    await run({ checkout_session: SESSION, refund_status: 'pending' });
    const moved = ['Date', ...HEADER];
    headerAndColumnRead('Orders', moved, 'A', ['Date', '2026-11-01', '2026-11-02', '2026-11-03']);
    nock(SHEETS_HOST)
      .get(valuesPath("'Orders'!B:B"))
      .query({ majorDimension: 'COLUMNS' })
      .reply(200, { majorDimension: 'COLUMNS', values: [SESSIONS] });
    cellsWrite(captured);
    await run({ checkout_session: SESSION, refund_status: 'succeeded' });
    expect(captured[1].data).toEqual([
      { range: "'Orders'!F3", majorDimension: 'ROWS', values: [['succeeded']] },
    ]);
  });

  it('no matching row stops the Zap as halted (not an error), writing nothing', async () => {
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', SESSIONS);
    const { err, sent } = await refusedBeforeSending(() =>
      run({ checkout_session: 'cs_test_z9Y8x7W6v5', refund_status: 'succeeded' }),
    );
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(
      /No row in "Orders" has "cs_test_z9Y8x7W6v5" in the Session ID column; nothing was updated/,
    );
    expect(sent).toEqual([]);
  });

  it('no matching row with "continue" returns Found = false for later steps', async () => {
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', SESSIONS);
    const out = await run({
      checkout_session: 'cs_test_z9Y8x7W6v5',
      refund_status: 'succeeded',
      if_not_found: 'continue',
    });
    expect(out).toMatchObject({
      found: false,
      row_number: null,
      updated_columns: [],
      matching_rows: 0,
    });
  });

  it('refuses to update a column the sheet does not have, writing nothing', async () => {
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', ['Session ID', 'Amount', 'Notes'], 'A', SESSIONS);
    const { err, sent } = await refusedBeforeSending(() =>
      run({ checkout_session: SESSION, refund_status: 'succeeded', notes: 'ok' }),
    );
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(err.message).toMatch(/no "Refund Status" column in row 1\. Add it to the header/);
    expect(sent).toEqual([]);
  });

  it('a 5xx on the write says the row may have been updated and a replay is safe', async () => {
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', HEADER, 'A', SESSIONS);
    nock(SHEETS_HOST)
      .post(`/v4/spreadsheets/${SHEET_ID}/values:batchUpdate`)
      .reply(500, { error: { code: 500, message: 'Internal error encountered.' } });
    const err = await caught(() => run({ checkout_session: SESSION, refund_status: 'succeeded' }));
    expect(err.message).toMatch(/may have been updated\. Replaying is safe/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no order named', { refund_status: 'succeeded' }, /Which order\? Map the Checkout Session ID/],
    [
      'a payment intent instead of a session',
      { checkout_session: 'pi_3NabcdefGhijklmn', refund_status: 'succeeded' },
      /Checkout Session ID "pi_3NabcdefGhijklmn" is not a valid id/,
    ],
    ['nothing to change', { checkout_session: SESSION, notes: '  ' }, /Nothing to update/],
    [
      'an amount with a currency sign',
      { checkout_session: SESSION, refund_amount: '€12,50' },
      /Refund Amount "€12,50" is not a number/,
    ],
    [
      'a Drive link instead of a spreadsheet',
      {
        checkout_session: SESSION,
        refund_status: 'succeeded',
        spreadsheet: `https://drive.google.com/file/d/${SHEET_ID}/view`,
      },
      /drive\.google\.com/,
    ],
  ])('refuses %s before any request', async (_name, input, message) => {
    const { err, sent } = await refusedBeforeSending(() => run(input));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(err.message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });
});
