import { ORDER_LOG_HEADER } from '../../lib/sheets/order-row';
import { ROW_CLAIM_TTL_SECONDS } from '../../lib/sheets/append';
import { GoogleStandIn } from '../conformance/google-standin';
import { StripeStandIn } from '../conformance/stripe-standin';
import { makeBundle } from '../helpers';
import { useRuntime } from '../runtime';

/**
 * Two runs logging the same order at the same moment write one row: the order is claimed in the
 * connection's cache between the duplicate check and the write. Through Zapier's real handler and
 * cache stand-in, against the stateful Sheets and Stripe stand-ins.
 */
const runtime = useRuntime();
const SHEET = '1SheetsOnceOrdersSheet00000AbCdEfGhIjKl';
let google: GoogleStandIn;
let stripe: StripeStandIn;
beforeEach(() => {
  google = new GoogleStandIn();
  google.addSpreadsheet(SHEET, 'Order log', [
    { sheetId: 0, title: 'Orders', rows: [ORDER_LOG_HEADER] },
    { sheetId: 7, title: 'Custom', rows: [['Email', 'Amount', 'Session ID']] },
  ]);
  google.install(() => undefined);
  stripe = new StripeStandIn();
  stripe.install(() => undefined);
});
afterEach(() => expect([...google.unhandled, ...stripe.unhandled]).toEqual([]));

const where = { spreadsheet: `https://docs.google.com/spreadsheets/d/${SHEET}/edit` };
const rowsOf = (tab: string) =>
  google.spreadsheets.get(SHEET)!.tabs.find((t) => t.title === tab)!.rows;
const run = (key: string, inputData: Record<string, unknown>) =>
  runtime().run<Record<string, unknown>>(
    `creates.${key}.operation.perform`,
    makeBundle({ inputData }),
  );
const appendOrder = () =>
  run('append_sheet_row', {
    ...where,
    worksheet: 'Custom',
    COL$A: 'ana@example.com',
    COL$B: '48.60',
    COL$C: 'cs_test_once01',
    dedupe_column: 'Session ID',
  });

describe('Sheets: one row per order, also for two runs at once', () => {
  it('append_sheet_row: two runs at once write one row; the other is retried and finds it', async () => {
    const [a, b] = await Promise.allSettled([appendOrder(), appendOrder()]);
    const outcomes = [a, b].map((r) => (r.status === 'fulfilled' ? 'wrote' : r.reason.name));
    expect(outcomes.sort()).toEqual(['ThrottledError', 'wrote']);
    expect(rowsOf('Custom')).toHaveLength(2);
    runtime().cache.advance(ROW_CLAIM_TTL_SECONDS);
    expect(await appendOrder()).toMatchObject({ skipped_duplicate: true, existing_row: 2 });
    expect(rowsOf('Custom')).toHaveLength(2);
  });

  it('log_checkout_to_sheet: two runs at once log the order once', async () => {
    const session = stripe.world.paidSessions()[0].id;
    const log = () =>
      run('log_checkout_to_sheet', { ...where, worksheet: 'Orders', checkout_session: session });
    const results = await Promise.allSettled([log(), log()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(rowsOf('Orders')).toHaveLength(2);
  });

  it('when the cache cannot record the claim, the row is written anyway and the log says so', async () => {
    runtime().cache.refuseWritesTo = /^sheet-row:/;
    expect(await appendOrder()).toMatchObject({ skipped_duplicate: false, row_number: 2 });
    expect(runtime().logs.join('\n')).toMatch(/could not claim the row.*writing it anyway/);
  });
});
