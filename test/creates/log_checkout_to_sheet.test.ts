import nock from 'nock';
import type { UpdateValuesResponse } from '../../lib/google/types';
import App from '../../index';
import session from '../fixtures/foundation/checkout_session.json';
import {
  appTester,
  caught,
  countRequests,
  makeBundle,
  recordUnmatched,
  SHEETS_HOST,
  STRIPE_API,
} from '../helpers';
import {
  appendWrite,
  columnRead,
  headerRead,
  SHEET_URL,
  valuesPath,
  type Captured,
} from './sheets-helpers';

const perform = (
  App.creates.log_checkout_to_sheet.operation as unknown as Record<
    string,
    Parameters<typeof appTester>[0]
  >
).perform;
const run = (worksheet: string, extra: Record<string, unknown> = {}) =>
  appTester(
    perform,
    makeBundle({
      inputData: { checkout_session: session.id, spreadsheet: SHEET_URL, worksheet, ...extra },
    }),
    true,
  );
const stripeSession = () =>
  nock(STRIPE_API)
    .get(`/v1/checkout/sessions/${session.id}`)
    .query({
      'expand[0]': 'line_items.data.price.product',
      'expand[1]': 'payment_link',
      'expand[2]': 'payment_intent.latest_charge',
    })
    .reply(200, session);

describe('log_checkout_to_sheet', () => {
  it('gives an empty worksheet our header, then writes the order row', async () => {
    let headerBody: unknown;
    const captured: Captured[] = [];
    const stripe = stripeSession();
    const google = [
      headerRead('Orders', []),
      nock(SHEETS_HOST)
        .put(valuesPath("'Orders'!A1"))
        .query({ valueInputOption: 'RAW' })
        .reply(
          200,
          (_u, body) => (
            (headerBody = body),
            { updatedRange: "'Orders'!A1:K1", updatedRows: 1 } satisfies UpdateValuesResponse
          ),
        ),
      appendWrite('Orders', 2, 11, captured),
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
    ]);
    expect(out).toMatchObject({ row_number: 2, skipped_duplicate: false });
    expect(stripeCalls()).toBe(1);
    expect(googleCalls()).toBe(3);
  });

  it('fills an existing header by its text, metadata.<key> columns included, unknown columns blank', async () => {
    const captured: Captured[] = [];
    stripeSession();
    headerRead('Sales', ['Notes', 'amount', 'session id', 'metadata.campaign', 'Customer email']);
    columnRead('Sales', 'C', ['session id']);
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
    headerRead('Orders', ['Session ID', 'Amount']);
    columnRead('Orders', 'A', ['Session ID', session.id]);
    const unmatched = recordUnmatched();
    const out = await run('Orders');
    unmatched.stop();
    expect(out).toMatchObject({ skipped_duplicate: true, existing_row: 2 });
    expect(unmatched.urls).toEqual([]);
  });

  it('refuses a header without a Session ID column (it could not prevent duplicates), writing nothing', async () => {
    stripeSession();
    headerRead('Orders', ['Name', 'Amount']);
    const unmatched = recordUnmatched();
    const error = await caught(() => run('Orders'));
    unmatched.stop();
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no "Session ID" column/),
    });
    expect(unmatched.urls).toEqual([]);
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

  it("a session from the other mode gets Stripe's own explanation, and nothing is written", async () => {
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
    expect(error.message).toMatch(/similar object exists in live mode/);
    expect(unmatched.urls).toEqual([]);
  });
});
