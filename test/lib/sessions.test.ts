import type Stripe from 'stripe';
import { planFind, unfinishedFindMessage } from '../../lib/sessions/find';
import {
  DEFAULT_METRICS_DAYS,
  metricsOutput,
  newTally,
  tallySessions,
  unfinishedMetricsMessage,
} from '../../lib/sessions/metrics';
import type { ScanResult } from '../../lib/scan/scanner';
import { planPeriod } from '../../lib/sessions/period';

const NOW = 1_790_000_000;
const scan: ScanResult = {
  complete: false,
  scanned: 1_234_567,
  requests: 12_346,
  retried: 3,
  completeFrom: NOW - 40 * 86_400,
  floor: null,
  elapsedMs: 24_000,
  read: [],
};

type Paid = {
  currency: string;
  amount: number;
  refunded?: number;
  bt?: { currency: string; amount: number; fee: number } | null;
  created?: number;
  status?: string;
  payment_status?: string;
  /** Adaptive Pricing: the charge in the currency the customer paid in. */
  charged?: { currency: string; amount: number };
};
function session({
  currency,
  amount,
  refunded = 0,
  bt,
  created = NOW,
  status = 'complete',
  payment_status = 'paid',
  charged,
}: Paid): Stripe.Checkout.Session {
  const charge = {
    object: 'charge',
    amount: charged?.amount ?? amount,
    currency: charged?.currency ?? currency,
    amount_refunded: refunded,
    balance_transaction:
      bt === null
        ? null
        : {
            object: 'balance_transaction',
            ...(bt ?? { currency, amount, fee: Math.round(amount * 0.03) }),
          },
  };
  return {
    object: 'checkout.session',
    created,
    status,
    payment_status,
    currency,
    amount_total: amount,
    payment_intent:
      status === 'complete' && payment_status === 'paid'
        ? { object: 'payment_intent', latest_charge: charge }
        : null,
  } as unknown as Stripe.Checkout.Session;
}

describe('payment link metrics arithmetic', () => {
  it('counts sessions, sales, conversion; sums revenue and refunds per currency and in settlement currency', () => {
    const tally = newTally();
    tallySessions(tally, [
      session({ currency: 'usd', amount: 2400, refunded: 400, created: NOW - 100 }),
      session({
        currency: 'eur',
        amount: 1000,
        bt: { currency: 'usd', amount: 1085, fee: 61 },
        created: NOW - 50,
      }),
      session({
        currency: 'jpy',
        amount: 1500,
        refunded: 1500,
        bt: { currency: 'usd', amount: 1010, fee: 59 },
        created: NOW - 300,
      }),
      session({ currency: 'usd', amount: 2400, status: 'expired', payment_status: 'unpaid' }),
      session({ currency: 'usd', amount: 2400, status: 'open', payment_status: 'unpaid' }),
      session({ currency: 'usd', amount: 2400, status: 'complete', payment_status: 'unpaid' }),
    ]);
    const out = metricsOutput('plink_1QxSpringSale', { from: NOW - 86_400, to: NOW }, tally);
    expect(out).toMatchObject({
      sessions_opened: 6,
      sales: 3,
      conversion_rate: 0.5,
      conversion_percent: '50.0%',
      revenue_by_currency: { EUR: '10.00', JPY: '1500', USD: '24.00' },
      revenue_by_currency_text: 'EUR 10.00; JPY 1500; USD 24.00',
      refunded_by_currency: { EUR: '0.00', JPY: '1500', USD: '4.00' },
      net_revenue_by_currency: { EUR: '10.00', JPY: '0', USD: '20.00' },
      settlement_currency: 'USD',
      // 24.00 + 10.85 + 10.10
      revenue_settlement: '44.95',
      // 4.00 + the whole JPY payment at its own rate (10.10)
      refunded_settlement: '14.10',
      net_revenue_settlement: '30.85',
      fees_settlement: '1.92',
      sales_not_converted: 0,
      first_sale_at: new Date((NOW - 300) * 1000).toISOString(),
      last_sale_at: new Date((NOW - 50) * 1000).toISOString(),
    });
  });

  it('never subtracts a refund in one currency from revenue in another (Adaptive Pricing)', () => {
    const tally = newTally();
    tallySessions(tally, [
      // A USD price paid in EUR and fully refunded in EUR; a partial EUR refund of another.
      session({
        currency: 'usd',
        amount: 5000,
        refunded: 4600,
        charged: { currency: 'eur', amount: 4600 },
        bt: { currency: 'usd', amount: 5000, fee: 175 },
      }),
      session({
        currency: 'usd',
        amount: 2000,
        refunded: 460,
        charged: { currency: 'eur', amount: 1840 },
        bt: { currency: 'usd', amount: 2000, fee: 88 },
      }),
      // Sales in EUR on the same link, never refunded.
      session({ currency: 'eur', amount: 3000, bt: { currency: 'usd', amount: 3260, fee: 124 } }),
    ]);
    const out = metricsOutput('plink_1Qx', { from: NOW - 86_400, to: NOW }, tally);
    expect(out).toMatchObject({
      revenue_by_currency: { EUR: '30.00', USD: '70.00' },
      // 50.00 (all of it) + a quarter of 20.00: in the link's USD, nothing taken from EUR
      refunded_by_currency: { EUR: '0.00', USD: '55.00' },
      net_revenue_by_currency: { EUR: '30.00', USD: '15.00' },
      settlement_currency: 'USD',
      revenue_settlement: '102.60',
      refunded_settlement: '55.00',
      net_revenue_settlement: '47.60',
    });
    expect(out.conversion_note).toMatch(
      /2 refund\(s\) were paid back in the currency the customer/,
    );
  });

  it('counts a refund in the session currency as it is, in every currency class', () => {
    for (const [currency, amount, refunded, shown] of [
      ['usd', 4860, 1215, '12.15'],
      ['jpy', 4860, 1215, '1215'],
      ['kwd', 4860, 1215, '1.215'],
    ] as const) {
      const tally = newTally();
      tallySessions(tally, [session({ currency, amount, refunded })]);
      const out = metricsOutput('plink_1Qx', { from: NOW - 86_400, to: NOW }, tally);
      expect(out.refunded_by_currency).toEqual({ [currency.toUpperCase()]: shown });
      expect(out.conversion_note).not.toMatch(/refund\(s\) were paid back/);
    }
  });

  it('picks the settlement currency by what the sales were worth, not by raw minor units', () => {
    const usdWins = newTally();
    tallySessions(usdWins, [
      session({ currency: 'usd', amount: 5000, bt: { currency: 'jpy', amount: 7500, fee: 0 } }),
      session({ currency: 'usd', amount: 6000, bt: { currency: 'usd', amount: 6000, fee: 0 } }),
    ]);
    // raw minor units: JPY 7,500 > USD 6,000; by worth: 50.00 USD (in JPY) < 60.00 USD
    expect(metricsOutput('plink_1Qx', { from: NOW - 86_400, to: NOW }, usdWins)).toMatchObject({
      settlement_currency: 'USD',
      revenue_settlement: '60.00',
    });
  });

  it('with several presentment currencies, the settlement currency most sales landed in', () => {
    const tally = newTally();
    tallySessions(tally, [
      session({ currency: 'jpy', amount: 90000, bt: { currency: 'jpy', amount: 90000, fee: 0 } }),
      session({ currency: 'eur', amount: 1000, bt: { currency: 'eur', amount: 1000, fee: 0 } }),
      session({ currency: 'usd', amount: 1000, bt: { currency: 'eur', amount: 920, fee: 0 } }),
    ]);
    expect(
      metricsOutput('plink_1Qx', { from: NOW - 86_400, to: NOW }, tally).settlement_currency,
    ).toBe('EUR');
  });

  it('a sale without a balance transaction yet is counted in presentment revenue and flagged', () => {
    const tally = newTally();
    tallySessions(tally, [session({ currency: 'usd', amount: 900, bt: null })]);
    const out = metricsOutput('plink_1QxSpringSale', { from: NOW - 86_400, to: NOW }, tally);
    expect(out).toMatchObject({
      revenue_by_currency: { USD: '9.00' },
      settlement_currency: null,
      revenue_settlement: null,
      sales_not_converted: 1,
    });
    expect(out.conversion_note).toMatch(/1 sale\(s\) have no balance transaction yet/);
  });

  it('no sessions: zeros, not a division by zero', () => {
    const out = metricsOutput('plink_1QxSpringSale', { from: NOW - 86_400, to: NOW }, newTally());
    expect(out).toMatchObject({
      sessions_opened: 0,
      sales: 0,
      conversion_rate: 0,
      conversion_percent: '0.0%',
      revenue_by_currency: {},
      first_sale_at: null,
    });
  });

  it('the period defaults to the last 30 days, and its ends must be in order', () => {
    expect(planPeriod({}, NOW, DEFAULT_METRICS_DAYS)).toEqual({
      from: NOW + 1 - 30 * 86_400,
      to: NOW + 1,
    });
    expect(
      planPeriod(
        { created_after: '2026-11-01T00:00:00Z', created_before: '2026-10-01' },
        NOW,
        DEFAULT_METRICS_DAYS,
      ),
    ).toMatchObject({ problem: expect.stringMatching(/must be before Created Before/) });
    expect(planPeriod({ created_before: 'soon' }, NOW, DEFAULT_METRICS_DAYS)).toMatchObject({
      problem: expect.stringMatching(/Created Before "soon" is not a date/),
    });
  });

  it.each([
    ['ISO with milliseconds', '2026-11-03T10:00:00.500Z', '2026-11-03T11:00:00.250Z'],
    ['unix milliseconds', '1793700000500', '1793703600250'],
  ])(
    'a period given to the %s becomes whole seconds that lose none of it (start down, end up)',
    (_name, after, before) => {
      const at10 = Date.UTC(2026, 10, 3, 10) / 1000;
      expect(
        planPeriod({ created_after: after, created_before: before }, NOW * 2, DEFAULT_METRICS_DAYS),
      ).toEqual({
        from: at10,
        to: at10 + 3601,
      });
    },
  );

  it('find: a Created After with milliseconds starts at its whole second', () => {
    const request = planFind(
      { client_reference_id: 'order-1', created_after: '2026-11-03T10:00:00.999Z' },
      NOW * 2,
    );
    expect(request).toMatchObject({ from: Date.UTC(2026, 10, 3, 10) / 1000 });
  });
});

describe('messages for a scan that ran out of time', () => {
  it('find: says how far back it is complete and how to narrow, within 250 characters', () => {
    const request = planFind({ client_reference_id: 'order-1042' }, NOW);
    if ('problem' in request) throw new Error(request.problem);
    const message = unfinishedFindMessage(request, scan);
    expect(message).toMatch(
      /^Not found yet, search stopped at the time limit: 1,234,567 sessions checked, complete back to .* UTC of the account's first session\. To narrow it, choose the Payment Link, or set Created After/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it('find with Created After: names that date as the far end', () => {
    const request = planFind(
      {
        client_reference_id: 'order-1042',
        payment_link: 'plink_1QxSpringSale',
        created_after: '2026-01-01',
      },
      NOW,
    );
    if ('problem' in request) throw new Error(request.problem);
    const message = unfinishedFindMessage(request, scan);
    expect(message).toMatch(
      /complete back to .* UTC of 2026-01-01 00:00 UTC\. To narrow it, set Created After/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it('find with a Payment Link pasted as a URL: does not ask to choose a link (one was chosen)', () => {
    const request = planFind(
      { client_reference_id: 'order-1042', payment_link: 'https://buy.stripe.com/test_4gw5kF' },
      NOW,
    );
    if ('problem' in request) throw new Error(request.problem);
    expect(request.paymentLink).toBeNull();
    const message = unfinishedFindMessage(request, scan);
    expect(message).toMatch(/To narrow it, set Created After nearer the order date\.$/);
    expect(message).not.toMatch(/choose the Payment Link/);
  });

  it('metrics: asks for a shorter period, within 250 characters', () => {
    const message = unfinishedMetricsMessage({ from: NOW - 365 * 86_400, to: NOW }, scan);
    expect(message).toMatch(/Choose a shorter period/);
    expect(message.length).toBeLessThanOrEqual(250);
  });
});
