import { APPEND_RESERVE_MS } from '../../lib/sessions/reconcile';
import { ORDER_LOG_HEADER } from '../../lib/sheets/order-row';
import { serveEndlessSessions } from '../endless-sessions';
import { GoogleStandIn } from '../conformance/google-standin';
import { makeBundle } from '../helpers';
import { useRuntime } from '../runtime';

// A short step budget stands in for Zapier's 30 s (lib/budget.ts reads the override; the scan
// stops 1 s inside it): the append's reserve plus one second of scan.
const budget = process.env.STEP_BUDGET_MS;
beforeEach(() => (process.env.STEP_BUDGET_MS = '8000'));
afterEach(() => {
  if (budget === undefined) delete process.env.STEP_BUDGET_MS;
  else process.env.STEP_BUDGET_MS = budget;
});

const runtime = useRuntime();
const SHEET = '1ReconcileTimeSheet00000AbCdEfGhIjKlMn';
let google: GoogleStandIn;

beforeEach(() => {
  google = new GoogleStandIn();
  google.addSpreadsheet(SHEET, 'Order log', [
    { sheetId: 0, title: 'Orders', rows: [ORDER_LOG_HEADER] },
  ]);
  google.install(() => undefined);
  serveEndlessSessions();
});
afterEach(() => expect(google.unhandled).toEqual([]));

type Out = Record<string, unknown> & { note: string; missing: number; appended: number };
const run = (inputData: Record<string, unknown>) =>
  runtime().run<Out>(
    'creates.reconcile_orders_with_sheet.operation.perform',
    makeBundle({
      inputData: {
        spreadsheet: `https://docs.google.com/spreadsheets/d/${SHEET}/edit`,
        worksheet: 'Orders',
        ...inputData,
      },
    }),
  );

describe('reconcile_orders_with_sheet when time runs out', () => {
  it('says how far it got and how to narrow the period, and still logs what it found', async () => {
    const started = Date.now();
    const out = await run({ append_missing: 'yes' });
    // The scan stops early enough to leave the appending its reserve.
    expect(Date.now() - started).toBeLessThan(7000);
    expect(APPEND_RESERVE_MS).toBe(6000);
    expect(out.period_complete).toBe(false);
    expect(out.note).toMatch(
      /^Time ran out: checked \d{4}-\d\d-\d\d \d\d:\d\d UTC to .* UTC, not back to .* UTC\. For the rest, run again with Created Before = \d{4}-\d\d-\d\dT[\d:.]+Z, or choose a shorter period or one payment link\./,
    );
    expect(out.checked_back_to).toEqual(expect.stringMatching(/Z$/));
    expect(out.missing).toBeGreaterThan(100);
    expect(out.appended).toBe(200);
    const rows = google.spreadsheets.get(SHEET)!.tabs[0].rows;
    expect(rows).toHaveLength(201);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(200);
  });
});
