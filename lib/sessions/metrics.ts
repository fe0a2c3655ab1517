import type Stripe from 'stripe';
import { toDecimalString } from '../money';
import type { ScanResult } from '../scan/scanner';
import { isoFromUnix } from '../stripe/ids';
import { isPaid } from '../stripe/order';
import type { Period } from './period';
import { scanCheckoutSessions, shortTime } from './scan';

export const DEFAULT_METRICS_DAYS = 30;
/** 4 levels, Stripe's maximum expansion depth. */
export const METRICS_EXPAND = ['data.payment_intent.latest_charge.balance_transaction'];

type Totals = Map<string, number>;
const add = (totals: Totals, currency: string, amount: number) =>
  totals.set(currency, (totals.get(currency) ?? 0) + amount);
/** Per currency: a − b (currencies of a). */
const minus = (a: Totals, b: Totals): Totals =>
  new Map([...a].map(([currency, v]) => [currency, v - (b.get(currency) ?? 0)]));

export type MetricsTally = {
  opened: number;
  sales: number;
  revenue: Totals;
  refunded: Totals;
  settlementRevenue: Totals;
  settlementRefunded: Totals;
  settlementFees: Totals;
  /** Per settlement currency: what the sales settled there were worth, per presentment currency. */
  settlementWorth: Map<string, Totals>;
  /** Per settlement currency: how many sales settled there. */
  settlementSales: Totals;
  notConverted: number;
  /** Refunds made in another currency than the session's (Adaptive Pricing), counted in the session's. */
  refundsConverted: number;
  firstSale: number | null;
  lastSale: number | null;
};

export function newTally(): MetricsTally {
  return {
    opened: 0,
    sales: 0,
    revenue: new Map(),
    refunded: new Map(),
    settlementRevenue: new Map(),
    settlementRefunded: new Map(),
    settlementFees: new Map(),
    settlementWorth: new Map(),
    settlementSales: new Map(),
    notConverted: 0,
    refundsConverted: 0,
    firstSale: null,
    lastSale: null,
  };
}

function expandedCharge(session: Stripe.Checkout.Session): Stripe.Charge | null {
  const intent = session.payment_intent;
  if (!intent || typeof intent === 'string') return null;
  const charge = intent.latest_charge;
  return charge && typeof charge === 'object' ? charge : null;
}

/**
 * What was refunded of a charge, in the currency the session's revenue is counted in. A charge
 * in another currency (Adaptive Pricing: the customer paid in theirs) is refunded in that
 * currency: its share of the charge is that share of the session's total (exact when fully
 * refunded). Pure.
 */
export function refundedInSessionCurrency(
  charge: Pick<Stripe.Charge, 'amount' | 'amount_refunded' | 'currency'>,
  currency: string,
  sessionTotal: number,
): number {
  if (charge.currency.toLowerCase() === currency.toLowerCase()) return charge.amount_refunded;
  if (charge.amount <= 0) return 0;
  return Math.round((charge.amount_refunded * sessionTotal) / charge.amount);
}

/** Pure: adds one page of sessions (with the METRICS_EXPAND expansion) to the tally. */
export function tallySessions(tally: MetricsTally, sessions: Stripe.Checkout.Session[]): void {
  for (const s of sessions) {
    tally.opened += 1;
    if (s.status !== 'complete' || !isPaid(s)) continue;
    tally.sales += 1;
    tally.firstSale = Math.min(tally.firstSale ?? s.created, s.created);
    tally.lastSale = Math.max(tally.lastSale ?? s.created, s.created);
    const currency = s.currency ?? 'usd';
    add(tally.revenue, currency, s.amount_total ?? 0);
    const charge = expandedCharge(s);
    if (charge) {
      // Refunds are totalled in the currency the revenue is: never another currency's units.
      add(
        tally.refunded,
        currency,
        refundedInSessionCurrency(charge, currency, s.amount_total ?? 0),
      );
      if (charge.amount_refunded > 0 && charge.currency.toLowerCase() !== currency.toLowerCase())
        tally.refundsConverted += 1;
    }
    const bt = charge?.balance_transaction;
    if (!charge || !bt || typeof bt === 'string') {
      if ((s.amount_total ?? 0) > 0) tally.notConverted += 1;
      continue;
    }
    add(tally.settlementRevenue, bt.currency, bt.amount);
    add(tally.settlementFees, bt.currency, bt.fee);
    if (!tally.settlementWorth.has(bt.currency)) tally.settlementWorth.set(bt.currency, new Map());
    add(tally.settlementWorth.get(bt.currency)!, currency, s.amount_total ?? 0);
    add(tally.settlementSales, bt.currency, 1);
    // Refunds converted at the charge's own rate: an estimate (a refund settles at its own rate).
    const rate = charge.amount > 0 ? bt.amount / charge.amount : 0;
    add(tally.settlementRefunded, bt.currency, Math.round(charge.amount_refunded * rate));
  }
}

const decimals = (totals: Totals): Record<string, string> =>
  Object.fromEntries(
    [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, v]) => [c.toUpperCase(), toDecimalString(v, c)]),
  );
const asText = (totals: Record<string, string>) =>
  Object.entries(totals)
    .map(([c, v]) => `${c} ${v}`)
    .join('; ');

export type MetricsOutput = ReturnType<typeof metricsOutput>;

/**
 * The settlement currency most of the money landed in. Amounts in different currencies' minor
 * units are not comparable (5,000 JPY is less than 50.00 USD), so the currencies are compared by
 * what the sales settled in each were worth in their one presentment currency; when the sales
 * were presented in several currencies, by how many sales settled in each.
 */
export function mainSettlementCurrency(tally: MetricsTally): string | null {
  const worth = [...tally.settlementWorth.entries()];
  const presented = new Set(worth.flatMap(([, byPresentment]) => [...byPresentment.keys()]));
  const measure = ([settlement, byPresentment]: [string, Totals]): number =>
    presented.size === 1
      ? [...byPresentment.values()][0]
      : (tally.settlementSales.get(settlement) ?? 0);
  return worth.sort((a, b) => measure(b) - measure(a))[0]?.[0] ?? null;
}

export function metricsOutput(paymentLink: string, range: Period, tally: MetricsTally) {
  const settlement = mainSettlementCurrency(tally);
  const inSettlement = (totals: Totals) =>
    settlement ? toDecimalString(totals.get(settlement) ?? 0, settlement) : null;
  const notes = [
    "Settlement figures come from each payment's balance transaction (Stripe's conversion rate on the day); refunds are converted at the payment's rate, so they are estimates. Fees are not deducted from net revenue.",
  ];
  if (tally.settlementRevenue.size > 1)
    notes.push(`Several settlement currencies; shown: ${settlement?.toUpperCase()}.`);
  if (tally.refundsConverted)
    notes.push(
      `${tally.refundsConverted} refund(s) were paid back in the currency the customer paid in (Adaptive Pricing); they are counted in the link's currency in proportion to the payment.`,
    );
  if (tally.notConverted)
    notes.push(
      `${tally.notConverted} sale(s) have no balance transaction yet (subscriptions or pending payments) and are missing from the settlement figures.`,
    );
  const revenue = decimals(tally.revenue);
  const rate = tally.opened ? tally.sales / tally.opened : 0;
  return {
    payment_link: paymentLink,
    period_start: isoFromUnix(range.from),
    period_end: isoFromUnix(range.to),
    sessions_opened: tally.opened,
    sales: tally.sales,
    conversion_rate: Math.round(rate * 10_000) / 10_000,
    conversion_percent: `${(Math.round(rate * 1000) / 10).toFixed(1)}%`,
    revenue_by_currency: revenue,
    revenue_by_currency_text: asText(revenue),
    refunded_by_currency: decimals(tally.refunded),
    net_revenue_by_currency: decimals(minus(tally.revenue, tally.refunded)),
    settlement_currency: settlement?.toUpperCase() ?? null,
    revenue_settlement: inSettlement(tally.settlementRevenue),
    refunded_settlement: inSettlement(tally.settlementRefunded),
    net_revenue_settlement: inSettlement(minus(tally.settlementRevenue, tally.settlementRefunded)),
    fees_settlement: inSettlement(tally.settlementFees),
    sales_not_converted: tally.notConverted,
    first_sale_at: isoFromUnix(tally.firstSale),
    last_sale_at: isoFromUnix(tally.lastSale),
    conversion_note: notes.join(' '),
  };
}

export function unfinishedMetricsMessage(range: Period, scan: ScanResult): string {
  return `Too many sessions to total within the time limit: ${scan.scanned.toLocaleString('en-US')} counted, complete back to ${shortTime(scan.completeFrom)} of ${shortTime(range.from)}. Choose a shorter period (Created After / Created Before) and add the results.`;
}

/** Every session of the link in the range, 100 per page with the expansion: never a call per session. */
export async function paymentLinkTally(
  stripe: Stripe,
  paymentLink: string,
  range: Period,
  deadline: number,
  ratePerSecond?: number,
): Promise<{ tally: MetricsTally; scan: ScanResult }> {
  const tally = newTally();
  const scan = await scanCheckoutSessions(stripe, {
    from: range.from,
    to: range.to,
    filters: { payment_link: paymentLink, expand: METRICS_EXPAND },
    onSessions: (sessions) => tallySessions(tally, sessions),
    deadline,
    ratePerSecond,
  });
  return { tally, scan };
}
