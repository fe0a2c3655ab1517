import { ORDER_LOG_HEADER } from '../../lib/sheets/order-row';
import { ROW_CLAIM_TTL_SECONDS } from '../../lib/sheets/append';
import { GoogleStandIn } from '../conformance/google-standin';
import { StripeStandIn } from '../conformance/stripe-standin';
import { MAIN_LINK, StripeWorld, type StripeObject } from '../conformance/stripe-world';
import { caught, makeBundle, type ZapierErrorInfo } from '../helpers';
import { useRuntime } from '../runtime';

/**
 * Reconciliation over a long history (thousands of sessions, many list pages) and a long order
 * log (thousands of rows), through Zapier's real handler and cache stand-in, against the stateful
 * Stripe and Sheets stand-ins (every request checked by the strict doubles).
 */
const runtime = useRuntime();
const SHEET = '1ReconcileOrdersSheet000AbCdEfGhIjKlMn';
const where = { spreadsheet: `https://docs.google.com/spreadsheets/d/${SHEET}/edit` };
const SESSION_COL = ORDER_LOG_HEADER.indexOf('Session ID');
const HISTORY = 2_600;
const OLD_ROWS = 3_000;
const pad = (n: number) => String(n).padStart(5, '0');

let world: StripeWorld;
let stripe: StripeStandIn;
let google: GoogleStandIn;
let sheetsCalls: string[];

/** Sessions every ~3.8 min over the last week: a few free, unpaid, or not from a link. */
function addHistory(w: StripeWorld): void {
  const template = w.paidSessions()[0];
  const items = w.lineItems.get(template.id)!;
  for (let i = 0; i < HISTORY; i += 1) {
    const id = `cs_test_hist${pad(i)}`;
    const kind = i % 50;
    w.add(w.sessions, {
      ...template,
      id,
      created: w.now - 120 - i * 230,
      client_reference_id: `hist-${pad(i)}`,
      amount_total: 1000 + i,
      payment_link: kind === 13 ? null : i % 3 === 0 ? 'plink_1Conf0003' : MAIN_LINK,
      payment_status: kind === 21 ? 'unpaid' : kind === 22 ? 'no_payment_required' : 'paid',
      customer_details: {
        ...(template.customer_details as object),
        email: `buyer${i}@example.com`,
      },
    });
    w.lineItems.set(id, items);
  }
  w.sessions.sort((a, b) => Number(b.created) - Number(a.created));
}

/** What the log should hold for the period: paid (or free) payment-link orders. */
function expectedIds(w: StripeWorld, from: number, link?: string): string[] {
  return w.sessions
    .filter(
      (s) =>
        Number(s.created) >= from &&
        s.status === 'complete' &&
        s.payment_link &&
        (!link || s.payment_link === link) &&
        ['paid', 'no_payment_required'].includes(String(s.payment_status)),
    )
    .map((s) => s.id);
}

const rowsOf = (tab: string) =>
  google.spreadsheets.get(SHEET)!.tabs.find((t) => t.title === tab)!.rows;
const idsIn = (tab: string, column = SESSION_COL) =>
  rowsOf(tab)
    .slice(1)
    .map((r) => String(r[column] ?? ''));
const rowFor = (id: string) => {
  const row = ORDER_LOG_HEADER.map(() => '' as string | number);
  row[SESSION_COL] = id;
  return row;
};

type Out = {
  period_start: string;
  sessions_paid: number;
  already_logged: number;
  missing: number;
  appended: number;
  being_logged: number;
  period_complete: boolean;
  note: string;
  missing_orders: Record<string, unknown>[];
};
const run = (inputData: Record<string, unknown> = {}) =>
  runtime().run<Out>(
    'creates.reconcile_orders_with_sheet.operation.perform',
    makeBundle({ inputData: { ...where, worksheet: 'Orders', ...inputData } }),
  );

let logged: string[];
let missingIds: string[];
const WEEK_AGO = () => world.now + 1 - 7 * 86_400;
/** The period the run chose (default: the week before it started). */
const startOf = (out: Out) => Date.parse(out.period_start) / 1000;

beforeEach(() => {
  world = new StripeWorld();
  addHistory(world);
  stripe = new StripeStandIn(world);
  stripe.install(() => undefined);
  google = new GoogleStandIn();
  sheetsCalls = [];
  // Every 97th order of the week (well inside it) never made it into the log; all others did.
  const week = expectedIds(world, WEEK_AGO() + 600);
  missingIds = week.filter((_, i) => i % 97 === 5);
  logged = expectedIds(world, 0).filter((id) => !missingIds.includes(id));
  const old = Array.from({ length: OLD_ROWS }, (_, i) => rowFor(`cs_live_older${pad(i)}`));
  google.addSpreadsheet(SHEET, 'Order log', [
    { sheetId: 0, title: 'Orders', rows: [ORDER_LOG_HEADER, ...old, ...logged.map(rowFor)] },
    {
      sheetId: 4,
      title: 'Custom',
      rows: [['Email', 'Amount', 'Session ID'], ...logged.map((id) => ['', '', id])],
    },
    { sheetId: 5, title: 'Empty', rows: [] },
    { sheetId: 6, title: 'Single', rows: [] },
    {
      sheetId: 8,
      title: 'No IDs',
      rows: [
        ['Name', 'Amount'],
        ['Ada', 48.6],
      ],
    },
  ]);
  google.install((_origin, method, path) =>
    sheetsCalls.push(`${method} ${decodeURIComponent(path)}`),
  );
});
afterEach(() => expect([...google.unhandled, ...stripe.unhandled]).toEqual([]));

const listCalls = () => stripe.calls.filter((c) => c.path === '/v1/checkout/sessions');
const writes = () => sheetsCalls.filter((c) => !c.startsWith('GET'));

describe('reconcile_orders_with_sheet', () => {
  it('finds exactly the missing orders of a long week in a long log, reading the column once and listing 100 per call', async () => {
    const out = await run();
    const expected = expectedIds(world, startOf(out));
    expect(Math.abs(startOf(out) - WEEK_AGO())).toBeLessThan(60);
    expect(expected.length).toBeGreaterThan(2_000);
    expect(rowsOf('Orders').length).toBeGreaterThan(5_000);
    expect(out).toMatchObject({
      sessions_paid: expected.length,
      already_logged: expected.length - missingIds.length,
      missing: missingIds.length,
      appended: 0,
      period_complete: true,
    });
    expect(out.missing_orders.map((m) => m.session_id).sort()).toEqual([...missingIds].sort());
    const first = world.byId.get(missingIds[0])!;
    expect(out.missing_orders).toContainEqual({
      session_id: first.id,
      client_reference_id: first.client_reference_id,
      amount_total_decimal: (Number(first.amount_total) / 100).toFixed(2),
      currency: 'USD',
      customer_email: (first.customer_details as { email: string }).email,
      created: new Date(Number(first.created) * 1000).toISOString(),
      payment_link: first.payment_link,
      status: 'not_appended',
      row_number: null,
    });
    // Unpaid, and not from a payment link: never counted; free orders are.
    const ids = new Set(expected);
    expect(ids.has('cs_test_hist00013')).toBe(false);
    expect(ids.has('cs_test_hist00021')).toBe(false);
    expect(ids.has('cs_test_hist00022')).toBe(true);
    // One Sheets read (the tab list aside, once per tab), nothing written.
    expect(sheetsCalls.filter((c) => c.includes('values'))).toHaveLength(1);
    expect(writes()).toEqual([]);
    const complete = world.sessions.filter(
      (s) => s.status === 'complete' && Number(s.created) >= WEEK_AGO(),
    ).length;
    expect(listCalls().length).toBeLessThanOrEqual(Math.ceil(complete / 100) + 8);
    expect(listCalls().every((c) => /status=complete/.test(c.params))).toBe(true);
  });

  it('appends every missing order once, in one append call, with the row log_checkout_to_sheet writes', async () => {
    const before = rowsOf('Orders').length;
    const out = await run({ append_missing: 'yes' });
    expect(out).toMatchObject({ missing: missingIds.length, appended: missingIds.length });
    expect(out.missing_orders.every((m) => m.status === 'appended')).toBe(true);
    expect(rowsOf('Orders')).toHaveLength(before + missingIds.length);
    expect(writes().filter((c) => c.includes(':append'))).toHaveLength(1);
    const appended = out.missing_orders.find((m) => m.session_id === missingIds[0])!;
    const row = rowsOf('Orders')[Number(appended.row_number) - 1];
    expect(row[SESSION_COL]).toBe(missingIds[0]);
    // The same order through the single-order step: the same cells.
    await runtime().run(
      'creates.log_checkout_to_sheet.operation.perform',
      makeBundle({
        inputData: { ...where, worksheet: 'Single', checkout_session: missingIds[0] },
      }),
    );
    expect(row).toEqual(rowsOf('Single')[1]);
    // The log now holds every paid order of the week exactly once.
    const ids = idsIn('Orders');
    for (const id of expectedIds(world, startOf(out)))
      expect(ids.filter((x) => x === id)).toHaveLength(1);
  });

  it('a replay finds nothing missing and writes nothing', async () => {
    await run({ append_missing: 'yes' });
    const rows = rowsOf('Orders').length;
    runtime().cache.advance(ROW_CLAIM_TTL_SECONDS);
    sheetsCalls.length = 0;
    const again = await run({ append_missing: 'yes' });
    expect(again).toMatchObject({ missing: 0, appended: 0 });
    expect(again.missing_orders).toEqual([]);
    expect(rowsOf('Orders')).toHaveLength(rows);
    expect(writes()).toEqual([]);
  });

  it('two runs at once write each missing order once between them', async () => {
    const before = rowsOf('Orders').length;
    const [a, b] = await Promise.all([
      run({ append_missing: 'yes' }),
      run({ append_missing: 'yes' }),
    ]);
    expect(a.appended + b.appended).toBe(missingIds.length);
    expect(a.being_logged + b.being_logged).toBe(missingIds.length);
    expect(rowsOf('Orders')).toHaveLength(before + missingIds.length);
    const ids = idsIn('Orders');
    for (const id of missingIds) expect(ids.filter((x) => x === id)).toHaveLength(1);
  });

  it('a run at the moment log_checkout_to_sheet logs one of the missing orders: one row for it', async () => {
    const log = () =>
      runtime().run(
        'creates.log_checkout_to_sheet.operation.perform',
        makeBundle({
          inputData: { ...where, worksheet: 'Orders', checkout_session: missingIds[2] },
        }),
      );
    await Promise.allSettled([run({ append_missing: 'yes' }), log()]);
    runtime().cache.advance(ROW_CLAIM_TTL_SECONDS);
    await Promise.allSettled([log()]);
    expect(idsIn('Orders').filter((x) => x === missingIds[2])).toHaveLength(1);
  });

  it('finds the Session ID column by its header and fills the row by header (a custom log)', async () => {
    const out = await run({ worksheet: 'Custom', append_missing: 'true' });
    expect(out).toMatchObject({ missing: missingIds.length, appended: missingIds.length });
    const added = rowsOf('Custom').slice(-missingIds.length);
    expect(added.map((r) => r[2]).sort()).toEqual([...missingIds].sort());
    const first = added.find((r) => r[2] === out.missing_orders[0].session_id)!;
    expect(first).toEqual(['', Number(out.missing_orders[0].amount_total_decimal), first[2]]);
  });

  it('an empty worksheet gets the order log header, then every paid order of the period', async () => {
    const out = await run({ worksheet: 'Empty', append_missing: 'yes' });
    const expected = expectedIds(world, startOf(out));
    expect(out).toMatchObject({ already_logged: 0, missing: expected.length });
    expect(rowsOf('Empty')[0]).toEqual(ORDER_LOG_HEADER);
    expect(out.appended).toBe(200);
    expect(out.note).toMatch(/left for the next run \(at most 200 are appended per run\)/);
    expect(expected.length).toBeGreaterThan(200);
  });

  it('one payment link, by URL: only its orders', async () => {
    const link = world.links.find((l) => l.id === 'plink_1Conf0003')! as StripeObject;
    const out = await run({ payment_link: String(link.url) });
    const expected = expectedIds(world, startOf(out), String(link.id));
    expect(out.sessions_paid).toBe(expected.length);
    expect(out.missing_orders.every((m) => m.payment_link === link.id)).toBe(true);
    expect(listCalls().every((c) => c.params.includes(`payment_link=${link.id}`))).toBe(true);
  });

  describe('refuses what it cannot do, writing nothing', () => {
    const refused = async (input: Record<string, unknown>): Promise<ZapierErrorInfo> => {
      const err = await caught(() => run({ append_missing: 'yes', ...input }));
      expect(err.message.length).toBeLessThanOrEqual(250);
      expect(writes()).toEqual([]);
      return err;
    };

    it.each([
      [
        { created_after: '2026-11-20', created_before: '2026-11-10' },
        /^Created After \(2026-11-20 00:00 UTC\) must be before Created Before \(2026-11-10 00:00 UTC\)/,
      ],
      [{ created_after: 'last tuesday' }, /^Created After "last tuesday" is not a date/],
      [{ created_before: '31/31/2026' }, /^Created Before "31\/31\/2026" is not a date/],
      [{ payment_link: 'buy.stripe.com/nothing' }, /^Payment Link must be the link itself/],
      [{ payment_link: 'prod_QxArtPrint' }, /^Payment Link must be the link itself/],
      [
        { spreadsheet: 'https://example.com/sheet' },
        /^Spreadsheet: that is a link to example\.com/,
      ],
    ])('%j, before any request', async (input, message) => {
      const err = await refused(input);
      expect(err).toMatchObject({ name: 'AppError', code: 'invalid_input' });
      expect(err.message).toMatch(message);
      expect([...stripe.calls, ...sheetsCalls]).toEqual([]);
    });

    it('a sheet without a Session ID column: says how to fix it, and lists no session', async () => {
      const err = await refused({ worksheet: 'No IDs' });
      expect(err).toMatchObject({ code: 'invalid_input' });
      expect(err.message).toMatch(
        /has a header row but no "Session ID" column.*Add a "Session ID" column/,
      );
      expect(listCalls()).toEqual([]);
    });

    it("a payment link id that is not the account's: the one not-found answer, and no sheet read", async () => {
      const err = await refused({ payment_link: 'plink_1NotThisAccount' });
      expect(err).toMatchObject({ name: 'AppError', code: 'payment_link_not_found' });
      expect(err.message).toMatch(
        /^Payment Link plink_1NotThisAccount is not in the Stripe account this Zap is connected to\. Check test vs live mode/,
      );
      expect(sheetsCalls).toEqual([]);
      expect(listCalls()).toEqual([]);
    });

    it('a payment link URL that matches none of the links: the same answer, and reads no sheet', async () => {
      const err = await refused({ payment_link: 'https://buy.stripe.com/test_nothing' });
      expect(err).toMatchObject({ name: 'AppError', code: 'payment_link_not_found' });
      expect(err.message).toMatch(
        /^Payment Link https:\/\/buy\.stripe\.com\/test_nothing is not in the Stripe account this Zap is connected to\..*300 active and 300 inactive/,
      );
      expect(sheetsCalls).toEqual([]);
      expect(listCalls()).toEqual([]);
    });
  });
});
