import type Stripe from 'stripe';
import { redactSecrets } from '../redact';
import { isStripeError } from '../stripe/errors';
import { stepLimiter, type StepLimiter } from '../stripe/limiter';
import { checkStripeId } from '../stripe/validate';
import { planRefund, RefundRefused, type RefundReason } from './plan';
import { chargeFor, REFUNDABLE_KINDS, type RefundableKind } from './resolve';
import { toDecimalString } from '../money';

export const MAX_BULK_PAYMENTS = 500;

export type BulkOutcome = 'refunded' | 'already_refunded' | 'failed' | 'not_attempted';

export type BulkLine = {
  payment: string;
  outcome: BulkOutcome;
  refund_id: string | null;
  amount_decimal: string | null;
  currency: string | null;
  message: string;
};

export type BulkResult = { counts: Record<BulkOutcome, number>; lines: BulkLine[] };

export interface BulkOptions {
  /** Epoch ms after which nothing new is started (Zapier's 30 s step, less a margin to answer). */
  deadline: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  concurrency?: number;
  /** By default the step's own limiter (mode-aware: test keys 25/s per account, live 100/s + 25/s per endpoint). */
  limiter?: StepLimiter;
  random?: () => number;
}

class OutOfTime extends Error {}

/** Stripe counts each named operation as its own endpoint. */
const READ_ENDPOINT: Record<RefundableKind, string> = {
  charge: 'GET /v1/charges/:id',
  payment_intent: 'GET /v1/payment_intents/:id',
  checkout_session: 'GET /v1/checkout/sessions/:id',
};
const REFUND_ENDPOINT = 'POST /v1/refunds';

const line = (
  payment: string,
  outcome: BulkOutcome,
  message: string,
  extra: Partial<BulkLine> = {},
): BulkLine => ({
  payment,
  outcome,
  refund_id: null,
  amount_decimal: null,
  currency: null,
  message,
  ...extra,
});

/**
 * Full refunds of many payments inside one step. Each refund is a retrieve plus a create (with its
 * idempotency key, so a re-run never refunds twice); workers draw on the step's rate limiter
 * (the account's budget and each endpoint's), retry 429s while time remains, and leave whatever
 * they cannot start before the deadline as `not_attempted`.
 */
export async function bulkRefund(
  stripe: Stripe,
  payments: string[],
  reason: RefundReason | null,
  options: BulkOptions,
): Promise<BulkResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const limiter = options.limiter ?? stepLimiter(stripe);

  const unique = [...new Set(payments.map((p) => p.trim()).filter(Boolean))];
  const lines = new Map<string, BulkLine>();
  const work: { id: string; kind: RefundableKind }[] = [];
  for (const payment of unique) {
    const checked = checkStripeId(payment, REFUNDABLE_KINDS, 'Payment');
    if ('problem' in checked) lines.set(payment, line(payment, 'failed', checked.problem));
    else work.push({ id: checked.id, kind: checked.kind as RefundableKind });
  }

  /** Runs one call when the endpoint's bucket allows, retrying 429s until the deadline. */
  const call = async <T>(endpoint: string, fn: (timeout: number) => Promise<T>): Promise<T> => {
    for (;;) {
      if (!(await limiter.endpoint(endpoint).take(options.deadline))) throw new OutOfTime();
      try {
        return await fn(Math.max(1000, Math.min(12_000, options.deadline - now())));
      } catch (err) {
        if (!isStripeError(err) || err.type !== 'StripeRateLimitError') throw err;
        const wait = 250 + Math.floor(random() * 500);
        if (now() + wait >= options.deadline) throw new OutOfTime();
        await sleep(wait);
      }
    }
  };

  const refundOne = async ({
    id,
    kind,
  }: {
    id: string;
    kind: RefundableKind;
  }): Promise<BulkLine> => {
    try {
      const charge = await call(READ_ENDPOINT[kind], (timeout) =>
        chargeFor(stripe, id, kind, { timeout }),
      );
      const plan = planRefund(charge, { reason });
      const refund = await call(REFUND_ENDPOINT, (timeout) =>
        stripe.refunds.create(plan.params, { idempotencyKey: plan.idempotencyKey, timeout }),
      );
      const amount = toDecimalString(refund.amount, refund.currency);
      return line(
        id,
        'refunded',
        `Refunded ${amount} ${refund.currency.toUpperCase()} (${refund.status}).`,
        {
          refund_id: refund.id,
          amount_decimal: amount,
          currency: refund.currency,
        },
      );
    } catch (err) {
      if (err instanceof OutOfTime)
        return line(
          id,
          'not_attempted',
          "Not reached within this step's time; run the step again (already refunded payments are skipped).",
        );
      if (err instanceof RefundRefused)
        return line(id, err.halt ? 'already_refunded' : 'failed', err.message);
      if (isStripeError(err)) {
        if (err.type === 'StripeAuthenticationError') throw err;
        if (err.code === 'charge_already_refunded')
          return line(id, 'already_refunded', 'Already fully refunded.');
        return line(
          id,
          'failed',
          redactSecrets(`${err.message}${err.code ? ` [${err.code}]` : ''}`),
        );
      }
      throw err;
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const item = work[next++];
      lines.set(
        item.id,
        now() >= options.deadline
          ? line(
              item.id,
              'not_attempted',
              "Not reached within this step's time; run the step again.",
            )
          : await refundOne(item),
      );
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 16, Math.max(1, work.length)) }, worker),
  );

  const ordered = unique.map((p) => lines.get(p) ?? lines.get(p.trim())!).filter(Boolean);
  const counts: Record<BulkOutcome, number> = {
    refunded: 0,
    already_refunded: 0,
    failed: 0,
    not_attempted: 0,
  };
  for (const l of ordered) counts[l.outcome] += 1;
  return { counts, lines: ordered };
}
