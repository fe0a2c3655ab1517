import type Stripe from 'stripe';
import { moneyText, toDecimalString } from '../money';
import { redactSecrets } from '../redact';
import { isStripeError } from '../stripe/errors';
import { idOf, isoFromUnix } from '../stripe/ids';
import {
  alreadyMadeWithOtherDetails,
  planRefunds,
  refundableAmount,
  RefundRefused,
  type RefundPlan,
  type RefundRequest,
} from './plan';
import {
  chargesFor,
  directGate,
  type CallGate,
  type ChargeToRefund,
  type RefundableKind,
} from './resolve';

export const SETTLEMENT_NOTE =
  "Card refunds take 5–10 business days to reach the customer's statement.";

export type RefundOutput = {
  id: string;
  status: string | null;
  pending_reason: string | null;
  failure_reason: string | null;
  amount: number;
  amount_decimal: string;
  currency: string;
  full_refund: boolean;
  replayed: boolean;
  charge: string | null;
  payment_intent: string | null;
  remaining_refundable: number;
  remaining_refundable_decimal: string;
  refunds: { id: string; charge: string | null; amount_decimal: string; status: string | null }[];
  note: string;
};

const FAILURE_ADVICE: Record<string, string> = {
  expired_or_canceled_card: 'The card is expired or canceled: refund the customer another way.',
  lost_or_stolen_card: 'The card was reported lost or stolen: refund the customer another way.',
  charge_for_pending_refund_disputed:
    'The customer disputed the payment meanwhile: handle it through the dispute.',
  insufficient_funds: 'Your Stripe balance could not cover it: add funds, then refund again.',
  declined: "The customer's bank declined it: refund the customer another way.",
  merchant_request: 'It was canceled at your request.',
};

/** What the refund's status means for the customer and what, if anything, to do. */
export function refundStatusNote(refund: Stripe.Refund): string {
  const method = refund.destination_details?.type;
  const card = !method || method === 'card';
  switch (refund.status) {
    case 'succeeded':
      return card
        ? `Refunded. ${SETTLEMENT_NOTE}`
        : `Refunded to the customer's ${method.replace(/_/g, ' ')}; how soon it arrives depends on that payment method.`;
    case 'pending':
      if (refund.pending_reason === 'insufficient_funds')
        return 'Pending: your Stripe balance cannot cover it yet. Stripe sends it once the balance can (add funds or wait for incoming payments).';
      if (refund.pending_reason === 'charge_pending')
        return 'Pending: the original payment has not settled yet; Stripe sends the refund once it has.';
      return `Pending: Stripe is processing it; it becomes succeeded or failed.${card ? ` ${SETTLEMENT_NOTE}` : ''}`;
    case 'requires_action':
      return 'Requires action: this payment method cannot return money by itself. Stripe emails the customer (at Instructions Email when given) to collect where to send it; the refund completes once they answer.';
    case 'failed': {
      const reason = refund.failure_reason ?? 'unknown';
      return `Failed (${reason}): the money went back to your Stripe balance and the customer received nothing. ${FAILURE_ADVICE[reason] ?? 'Refund the customer another way.'}`;
    }
    case 'canceled':
      return 'Canceled: no money was returned to the customer.';
    default:
      return `Status: ${refund.status ?? 'unknown'}.`;
  }
}

const SEVERITY = ['failed', 'canceled', 'requires_action', 'pending', 'succeeded'];

const madeAt = (refunds: Stripe.Refund[]) =>
  isoFromUnix(Math.min(...refunds.map((r) => r.created))) ?? 'earlier';

/**
 * One output for the refunds of one request (usually one; several when the payment's money sat on
 * several charges). `made`: created by this run; `earlier`: found on the payment by the request's
 * marker, made by an earlier run. What the lookup did not find was made now, even when Stripe
 * answered the SDK's own retry as a replay (`Idempotent-Replayed`). `remainingBefore`: what the
 * payment had left when this run read it.
 */
export function refundOutput(
  made: Stripe.Refund[],
  earlier: Stripe.Refund[],
  plans: RefundPlan[],
  remainingBefore: number,
): RefundOutput {
  const refunds = [...earlier, ...made];
  const first = refunds[0];
  const replayed = made.length === 0;
  const amount = refunds.reduce((sum, r) => sum + r.amount, 0);
  // Refunds found by the lookup were already counted in the charge we read; only new ones reduce what is left.
  const remaining = Math.max(0, remainingBefore - made.reduce((sum, r) => sum + r.amount, 0));
  const worst =
    [...refunds].sort(
      (a, b) => SEVERITY.indexOf(a.status ?? '') - SEVERITY.indexOf(b.status ?? ''),
    )[0] ?? first;
  const currency = first.currency;
  const history = replayed
    ? `Already made by an earlier run of this step on ${madeAt(earlier)} (same payment, amount and reason): nothing more was refunded. `
    : earlier.length
      ? `Part of this refund was made by an earlier run on ${madeAt(earlier)}; the rest was made now. `
      : '';
  return {
    id: first.id,
    status: worst.status,
    pending_reason: worst.pending_reason ?? null,
    failure_reason: worst.failure_reason ?? null,
    amount,
    amount_decimal: toDecimalString(amount, currency),
    currency,
    full_refund: plans.length ? plans.every((p) => p.full) : remaining === 0,
    replayed,
    charge: idOf(first.charge as string | { id: string } | null),
    payment_intent: idOf(first.payment_intent as string | { id: string } | null),
    remaining_refundable: remaining,
    remaining_refundable_decimal: toDecimalString(remaining, currency),
    refunds: refunds.map((r) => ({
      id: r.id,
      charge: idOf(r.charge as string | { id: string } | null),
      amount_decimal: toDecimalString(r.amount, r.currency),
      status: r.status,
    })),
    note: history + refundStatusNote(worst),
  };
}

/** The same Idempotency-Key with other details: names the refund made the first time. */
async function idempotencyConflict(
  stripe: Stripe,
  plan: RefundPlan,
  options: Stripe.RequestOptions,
): Promise<RefundRefused> {
  let existing: Stripe.Refund | undefined;
  try {
    const page = await stripe.refunds.list({ charge: plan.chargeId, limit: 100 }, options);
    existing = page.data.find((r) => r.amount === plan.amount && r.status !== 'failed');
  } catch {
    existing = undefined;
  }
  return alreadyMadeWithOtherDetails(existing, plan.chargeId);
}

export async function createRefund(
  stripe: Stripe,
  plan: RefundPlan,
  options: Stripe.RequestOptions = {},
): Promise<Stripe.Refund> {
  try {
    return await stripe.refunds.create(plan.params, {
      ...options,
      idempotencyKey: plan.idempotencyKey,
    });
  } catch (err) {
    if (isStripeError(err) && err.type === 'StripeIdempotencyError')
      throw await idempotencyConflict(stripe, plan, options);
    throw err;
  }
}

export const remainingOf = (targets: ChargeToRefund[]): number =>
  targets
    .filter((t) => t.charge.status === 'succeeded' && t.charge.captured)
    .reduce((sum, t) => sum + Math.max(0, refundableAmount(t.charge)), 0);

/**
 * Makes the planned refunds one after another. When a later part fails after an earlier one was
 * made, says exactly what was refunded (a re-run is safe: the parts made are not repeated).
 */
export async function makeRefunds(
  stripe: Stripe,
  plans: RefundPlan[],
  gate: CallGate = directGate(),
): Promise<Stripe.Refund[]> {
  const made: Stripe.Refund[] = [];
  for (const plan of plans) {
    try {
      made.push(await gate('POST /v1/refunds', (options) => createRefund(stripe, plan, options)));
    } catch (err) {
      if (made.length === 0) throw err;
      const done = made.map((r) => `${moneyText(r.amount, r.currency)} (${r.id})`).join(', ');
      const why = err instanceof Error ? redactSecrets(err.message) : String(err);
      throw new RefundRefused(
        `Refunded ${done}, then the part on ${plan.chargeId} failed: ${why} Running the step again is safe: the parts already made are not repeated.`,
        false,
        'partly_refunded',
      );
    }
  }
  return made;
}

/**
 * Reads the payment's charges with their refunds (1 call usually), finds what an earlier run of the
 * same request made, and creates what is missing with idempotency keys (which cover two runs at
 * once; the marker covers any later replay).
 */
export async function refundPayment(
  stripe: Stripe,
  id: string,
  kind: RefundableKind,
  request: RefundRequest,
  options: Stripe.RequestOptions = {},
): Promise<RefundOutput> {
  const gate = directGate(options);
  const targets = await chargesFor(stripe, id, kind, gate);
  const { plans, earlier } = planRefunds(targets, request);
  const made = await makeRefunds(stripe, plans, gate);
  return refundOutput(made, earlier, plans, remainingOf(targets));
}
