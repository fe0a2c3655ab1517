import link from '../fixtures/links/payment_link.json';
import charge from '../fixtures/refunds/charge.json';
import session from '../fixtures/foundation/checkout_session.json';
import { caught, operationRunner, refusedBeforeSending } from '../helpers';
import { listPaymentLinks, retrievePaymentLinks } from '../links-helpers';
import { DAY, LINKS, integerFilters, serveSessionList, sessionAccount } from '../session-account';

const run = operationRunner('searches', 'payment_link_metrics');
const NOW = Math.floor(Date.now() / 1000);

const paid = (i: number, refunded = 0) => ({
  ...session,
  id: `cs_test_paid${String(i).padStart(8, '0')}`,
  created: NOW - 3600 * (i + 1),
  amount_total: 4860,
  payment_intent: {
    id: `pi_3QxPaid${i}`,
    object: 'payment_intent',
    latest_charge: {
      ...charge,
      amount: 4860,
      amount_refunded: refunded,
      balance_transaction: {
        id: `txn_${i}`,
        object: 'balance_transaction',
        amount: 4860,
        currency: 'usd',
        fee: 171,
      },
    },
  },
});
const expired = (i: number) => ({
  ...session,
  id: `cs_test_exp${String(i).padStart(8, '0')}`,
  created: NOW - 3600 * (i + 1) - 60,
  status: 'expired',
  payment_status: 'unpaid',
  payment_intent: null,
});

/** The link's sessions through the strict list (Stripe's filters and refusals); records each query. */
function serveSessions(all: { id: string; created: number }[]): Record<string, string>[] {
  return serveSessionList(all).queries;
}

describe('payment_link_metrics', () => {
  // The account's link, read once by id before its sessions are counted.
  let retrieved: { calls: string[] };
  beforeEach(() => {
    retrieved = retrievePaymentLinks([link]);
  });

  it('pages through the link with the 4-level expansion (never a call per session) and totals them', async () => {
    const queries = serveSessions([paid(0), expired(1), paid(2, 1000), expired(3), expired(4)]);
    const [out] = (await run({ payment_link: 'plink_1QxSpringSale' })) as Record<string, unknown>[];
    expect(
      queries.every(
        (q) =>
          q.payment_link === 'plink_1QxSpringSale' &&
          q['expand[0]'] === 'data.payment_intent.latest_charge.balance_transaction' &&
          q.limit === '100',
      ),
    ).toBe(true);
    expect(retrieved.calls).toEqual(['plink_1QxSpringSale']);
    expect(out).toMatchObject({
      payment_link: 'plink_1QxSpringSale',
      sessions_opened: 5,
      sales: 2,
      conversion_percent: '40.0%',
      revenue_by_currency: { USD: '97.20' },
      refunded_by_currency: { USD: '10.00' },
      net_revenue_by_currency: { USD: '87.20' },
      settlement_currency: 'USD',
      revenue_settlement: '97.20',
      fees_settlement: '3.42',
      net_revenue_settlement: '87.20',
    });
  });

  it('resolves a pasted link URL to its id first', async () => {
    listPaymentLinks({ active: [link] });
    const queries = serveSessions([]);
    const [out] = (await run({ payment_link: 'https://buy.stripe.com/test_9AQ5kQ' })) as Record<
      string,
      unknown
    >[];
    expect(out).toMatchObject({ payment_link: 'plink_1QxSpringSale', sessions_opened: 0 });
    expect(queries[0].payment_link).toBe('plink_1QxSpringSale');
  });

  it('finds a pasted URL of an ended (inactive) campaign link and totals it', async () => {
    listPaymentLinks({ inactive: [{ ...link, active: false }] });
    const queries = serveSessions([paid(0), expired(1)]);
    const [out] = (await run({ payment_link: 'https://buy.stripe.com/test_9AQ5kQ' })) as Record<
      string,
      unknown
    >[];
    expect(queries.every((q) => q.payment_link === 'plink_1QxSpringSale')).toBe(true);
    expect(out).toMatchObject({ payment_link: 'plink_1QxSpringSale', sales: 1 });
  });

  it('a URL matching none of the active or inactive links is refused before any session is read', async () => {
    const lists = listPaymentLinks({});
    const queries = serveSessions([]);
    const err = await caught(() => run({ payment_link: 'https://buy.stripe.com/test_Unknown' }));
    expect(err).toMatchObject({
      code: 'payment_link_not_found',
      message: expect.stringMatching(
        /^Payment Link https:\/\/buy\.stripe\.com\/test_Unknown is not in the Stripe account this Zap is connected to\. Check test vs live mode and the account.*newest 300 active and 300 inactive/,
      ),
    });
    expect(lists.isDone()).toBe(true);
    expect(queries).toEqual([]);
  });

  it('a pasted id of a link this account does not have (another account, or the other mode) is refused before any session is read', async () => {
    const queries = serveSessions([paid(0)]);
    const err = await caught(() => run({ payment_link: 'plink_1QxOtherAccount' }));
    expect(err).toMatchObject({
      code: 'payment_link_not_found',
      message: expect.stringMatching(
        /^Payment Link plink_1QxOtherAccount is not in the Stripe account this Zap is connected to\. Check test vs live mode/,
      ),
    });
    expect(err.message.length).toBeLessThanOrEqual(250);
    expect(retrieved.calls).toEqual(['plink_1QxOtherAccount']);
    expect(queries).toEqual([]);
  });

  it.each([
    [1_500, 365],
    [20_000, 45],
    [50_000, 20],
  ])(
    'in an account of %s sessions, totals a %s-day period exactly, its edge seconds included',
    async (count, days) => {
      const sessions = sessionAccount(count, 365, NOW, { crowd: 300, crowdAt: NOW - 3 * DAY });
      // The period's ends as a date picker gives them, with milliseconds.
      const after = (NOW - (days + 2) * DAY) * 1000 + 500;
      const before = (NOW - 2 * DAY) * 1000 + 250;
      const [first, last] = [Math.floor(after / 1000), Math.ceil(before / 1000) - 1];
      // Sessions on the link stamped in each edge second (Stripe stamps whole seconds).
      sessions[0].created = first;
      sessions[2].created = last;
      const { store, queries } = serveSessionList(sessions);
      const [out] = (await run({
        payment_link: LINKS[0],
        created_after: new Date(after).toISOString(),
        created_before: new Date(before).toISOString(),
      })) as Record<string, unknown>[];
      const inPeriod = store
        .all()
        .filter((s) => s.payment_link === LINKS[0] && s.created >= first && s.created <= last);
      expect(out).toMatchObject({
        sessions_opened: inPeriod.length,
        sales: inPeriod.filter((s) => s.status === 'complete' && s.payment_status === 'paid')
          .length,
        first_sale_at: new Date(first * 1000).toISOString(),
        last_sale_at: new Date(last * 1000).toISOString(),
      });
      expect(integerFilters(queries)).toBe(true);
      expect(new Set(queries.map((q) => q['created[lt]'])).size).toBeGreaterThan(1);
    },
  );

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no link', { payment_link: '' }, /Payment Link is empty/],
    ['a link without https', { payment_link: 'buy.stripe.com/x' }, /must be the link itself/],
    ['a product id', { payment_link: 'prod_QxArtPrint' }, /must be the link itself.*plink_/],
    ['an http link', { payment_link: 'http://buy.stripe.com/test_9AQ5kQ' }, /must be the link/],
    [
      'reversed dates',
      {
        payment_link: 'plink_1QxSpringSale',
        created_after: '2026-11-01',
        created_before: '2026-10-01',
      },
      /must be before Created Before/,
    ],
    [
      'a date that is not one',
      { payment_link: 'plink_1QxSpringSale', created_after: 'yesterday-ish' },
      /is not a date/,
    ],
  ])('refuses %s and sends nothing', async (_name, inputData, message) => {
    const { err, sent } = await refusedBeforeSending(() => run(inputData));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
    expect(retrieved.calls).toEqual([]);
  });
});
