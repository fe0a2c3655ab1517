import nock from 'nock';
import type { UpdateValuesResponse } from '../../lib/google/types';
import session from '../fixtures/foundation/checkout_session.json';
import {
  caught,
  countRequests,
  makeBundle,
  recordUnmatched,
  SHEETS_HOST,
  STRIPE_API,
} from '../helpers';
import { useRuntime } from '../runtime';
import {
  appendWrite,
  headerAndColumnRead,
  SHEET_URL,
  tabsRead,
  valuesPath,
  type Captured,
} from './sheets-helpers';

// Zapier's runtime with a faithful cache (scope, TTL, nx): one per test, kept across its runs.
const runtime = useRuntime();
const run = (worksheet: string, extra: Record<string, unknown> = {}) =>
  runtime().run(
    'creates.log_checkout_to_sheet.operation.perform',
    makeBundle({
      inputData: { checkout_session: session.id, spreadsheet: SHEET_URL, worksheet, ...extra },
    }),
  );
const stripeSession = () =>
  nock(STRIPE_API)
    .get(`/v1/checkout/sessions/${session.id}`)
    .query({
      'expand[0]': 'line_items.data.price.product',
      'expand[1]': 'payment_link',
      'expand[2]': 'payment_intent.latest_charge.balance_transaction',
    })
    .reply(200, session);

describe('log_checkout_to_sheet', () => {
  it('gives an empty worksheet our header, then writes the order row', async () => {
    let headerBody: unknown;
    const captured: Captured[] = [];
    const stripe = stripeSession();
    const google = [
      tabsRead([['Orders', 0]]),
      headerAndColumnRead('Orders', [], 'A', []),
      nock(SHEETS_HOST)
        .put(valuesPath("'Orders'!A1"))
        .query({ valueInputOption: 'RAW' })
        .reply(
          200,
          (_u, body) => (
            (headerBody = body),
            { updatedRange: "'Orders'!A1:O1", updatedRows: 1 } satisfies UpdateValuesResponse
          ),
        ),
      appendWrite('Orders', 2, 15, captured),
    ];
    const googleCalls = countRequests(...google);
    const stripeCalls = countRequests(stripe);
    const out = await run('Orders');
    expect((headerBody as { values: string[][] }).values[0]).toEqual([
      'Session ID',
      'Created',
      'Customer Name',
      'Customer Email',
      'Items',
      'Amount',
      'Currency',
      'Payment Status',
      'Client Reference ID',
      'Payment Link',
      'Metadata',
      'Refund Status',
      'Refund Amount',
      'Fulfillment Status',
      'Notes',
    ]);
    expect(captured[0].body.values[0]).toEqual([
      session.id,
      '2025-11-22T08:26:40.000Z',
      'Ada Lovelace',
      'ada@example.com',
      '2 × Art print (A4), 1 × Gift wrap',
      48.6,
      'USD',
      'paid',
      'order-1042',
      'plink_1QxSpringSale',
      'campaign=spring-sale',
      '',
      '',
      '',
      '',
    ]);
    expect(out).toMatchObject({ row_number: 2, skipped_duplicate: false });
    expect(stripeCalls()).toBe(1);
    // The tab list (once per tab, then remembered), the live header, our header, the row.
    expect(googleCalls()).toBe(4);
  });

  it('fills an existing header by its text, metadata.<key> columns included, unknown columns blank', async () => {
    const captured: Captured[] = [];
    stripeSession();
    tabsRead([['Sales', 3]]);
    const header = ['Notes', 'amount', 'session id', 'metadata.campaign', 'Customer email'];
    headerAndColumnRead('Sales', header, 'A', ['Notes']);
    nock(SHEETS_HOST)
      .get(valuesPath("'Sales'!C:C"))
      .query({ majorDimension: 'COLUMNS' })
      .reply(200, { majorDimension: 'COLUMNS', values: [['session id']] });
    appendWrite('Sales', 2, 5, captured);
    await run('Sales');
    expect(captured[0].body.values[0]).toEqual([
      '',
      48.6,
      session.id,
      'spring-sale',
      'ada@example.com',
    ]);
  });

  it('adds no second row for the same session (one read, no write)', async () => {
    stripeSession();
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', ['Session ID', 'Amount'], 'A', ['Session ID', session.id]);
    const unmatched = recordUnmatched();
    const out = await run('Orders');
    unmatched.stop();
    expect(out).toMatchObject({ skipped_duplicate: true, existing_row: 2 });
    expect(unmatched.urls).toEqual([]);
  });

  it('refuses a header without a Session ID column (it could not prevent duplicates), writing nothing', async () => {
    stripeSession();
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', ['Name', 'Amount'], 'A', ['Name']);
    const unmatched = recordUnmatched();
    const error = await caught(() => run('Orders'));
    unmatched.stop();
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no "Session ID" column/),
    });
    expect(unmatched.urls).toEqual([]);
  });

  it('a column inserted between two logs: the replay is still found, the next row lands by the live header', async () => {
    const header = ['Session ID', 'Customer Email', 'Amount'];
    stripeSession();
    stripeSession();
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', header, 'A', ['Session ID']);
    appendWrite('Orders', 2, 3);
    await run('Orders');
    // A "Date" column is inserted at A: Session ID moves to B, the cached header is stale.
    const moved = ['Date', ...header];
    headerAndColumnRead('Orders', moved, 'A', ['Date', '2026-11-02']);
    nock(SHEETS_HOST)
      .get(valuesPath("'Orders'!B:B"))
      .query({ majorDimension: 'COLUMNS' })
      .reply(200, { majorDimension: 'COLUMNS', values: [['Session ID', session.id]] });
    const unmatched = recordUnmatched();
    const replay = await run('Orders');
    unmatched.stop();
    expect(replay).toMatchObject({ skipped_duplicate: true, existing_row: 2 });
    expect(unmatched.urls).toEqual([]);
    // Another session is logged under the moved header: every value in its own column.
    const captured: Captured[] = [];
    headerAndColumnRead('Orders', moved, 'B', ['Session ID', session.id]);
    appendWrite('Orders', 3, 4, captured);
    const other = { ...session, id: 'cs_test_b2OtherSession' };
    nock(STRIPE_API).get(`/v1/checkout/sessions/${other.id}`).query(true).reply(200, other);
    await run('Orders', { checkout_session: other.id });
    expect(captured[0].body.values[0]).toEqual(['', other.id, 'ada@example.com', 48.6]);
  });

  it('a 5xx on append says the row may have been written and that a replay is safe', async () => {
    stripeSession();
    tabsRead([['Orders', 0]]);
    headerAndColumnRead('Orders', ['Session ID', 'Amount'], 'A', ['Session ID']);
    nock(SHEETS_HOST)
      .post(valuesPath("'Orders'!A1:append"))
      .query(true)
      .reply(502, '<html>Bad Gateway</html>');
    const err = await caught(() => run('Orders'));
    expect(err.message).toMatch(
      /502.*The row may have been written\. Replaying is safe: the Session ID column prevents a second row\./,
    );
  });

  it.each([
    [
      { checkout_session: 'pi_3NabcdefGhijklmn' },
      /Checkout Session ID "pi_3NabcdefGhijklmn" is not a valid id/,
    ],
    [{ checkout_session: '' }, /Checkout Session ID is empty/],
    [
      {
        spreadsheet:
          'https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEf/edit',
      },
      /not a spreadsheet/,
    ],
  ])('refuses %j before any request', async (input, message) => {
    const unmatched = recordUnmatched();
    const error = await caught(() => run('Orders', input));
    unmatched.stop();
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(unmatched.urls).toEqual([]);
  });

  it('a session from the other mode says which mode it is in, and nothing is written', async () => {
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query(true)
      .reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such checkout.session: '${session.id}'; a similar object exists in live mode, but a test mode key was used to make this request.`,
        },
      });
    const unmatched = recordUnmatched();
    const error = await caught(() => run('Orders'));
    unmatched.stop();
    expect(error.message).toMatch(
      /is in live mode, this connection's key is not: .*reconnect with a new key for live mode/,
    );
    expect(unmatched.urls).toEqual([]);
  });
});
