import { RECONNECT_STRIPE } from '../errors';
import type Stripe from 'stripe';
import { mapConcurrent } from '../concurrency';
import { listItems } from '../input';
import { toDecimalString, withCurrencyCode } from '../money';
import { holdsSecret, redactSecrets } from '../redact';
import { isStripeError, type StripeErrorLike } from '../stripe/errors';
import { stepLimiter, type StepLimiter } from '../stripe/limiter';
import { isoFromUnix } from '../stripe/ids';
import { checkStripeId } from '../stripe/validate';
import { refundProblem } from './errors';
import { bulkGate, NoAnswerInTime, OutOfTime, Stopped } from './gate';
import { planRefunds, RefundRefused, type RefundRequest } from './plan';
import { makeRefunds, refundStatusNote } from './refund';
import { chargesFor, REFUNDABLE_KINDS, type RefundableKind } from './resolve';

export const MAX_BULK_PAYMENTS = 500;

/**
 * The payments of a pasted or mapped list: each entry split as ids are (commas, semicolons, tabs,
 * new lines and spaces), each payment once (the cap counts payments, not pasted entries).
 */
export function splitPayments(raw: unknown): string[] {
  return [...new Set(listItems(raw, 'ids'))];
}

const HOLDS_SECRET =
  'This entry holds something that looks like a secret key (shown redacted), so it was not sent to Stripe. Give payment IDs only, and roll that key in the Stripe Dashboard if it was a real one.';

export type BulkOutcome =
  | 'refunded'
  | 'already_refunded'
  | 'duplicate'
  | 'failed'
  | 'not_attempted';

export type BulkLine = {
  payment: string;
  outcome: BulkOutcome;
  refund_id: string | null;
  amount_decimal: string | null;
  currency: string | null;
  message: string;
};

export type BulkResult = {
  counts: Record<BulkOutcome, number>;
  lines: BulkLine[];
  /** Why the run stopped before the end (Stripe rejected the key midway), or null. */
  stopped: string | null;
};

export interface BulkOptions {
  /**
   * Epoch ms by which the report is ready (Zapier's 30 s step, less a margin): every Stripe call has
   * ended before it, and no call starts that could not (lib/refunds/gate.ts).
   */
  deadline: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  concurrency?: number;
  /** By default the step's own limiter (mode-aware: test keys 25/s per account, live 100/s + 25/s per endpoint). */
  limiter?: StepLimiter;
  random?: () => number;
}

const NOT_REACHED =
  "Not reached within this step's time; run the step again (already refunded payments are skipped).";

const line = (
  payment: string,
  outcome: BulkOutcome,
  message: string,
  extra: Partial<BulkLine> = {},
): BulkLine => ({
  payment: redactSecrets(payment),
  outcome,
  refund_id: null,
  amount_decimal: null,
  currency: null,
  message: redactSecrets(message),
  ...extra,
});

/** A refund Stripe may or may not have made: a re-run finds it (or makes it), never twice. */
const unconfirmed = (why: string) =>
  `No clear answer from Stripe (${why}): the refund may or may not have been made. Run the step again: the same idempotency key (and the refund's marker, after 24 hours) makes it find the refund instead of refunding twice.`;

/** A failure at Stripe for one payment, in words; a timeout may have refunded, so it says so. */
function failureText(err: StripeErrorLike): string {
  const known = refundProblem(err);
  if (known) return known.message;
  if (err.type === 'StripeConnectionError' || err.type === 'StripeAPIError')
    return unconfirmed(String(err.statusCode ?? 'timeout or dropped connection'));
  return `${err.message}${err.code ? ` [${err.code}]` : ''}`;
}

/** What a bulk refund asks of every payment: all in full, with one reason and the Connect flags. */
export type BulkRefundRequest = Pick<
  RefundRequest,
  'reason' | 'reverseTransfer' | 'refundApplicationFee'
>;

/** One run's shared state: why it stopped (Stripe rejected the key midway), once set. */
type Run = { stopped: string | null };

/** The line of a payment whose refunds were made now. */
function refundedLine(id: string, refunds: Stripe.Refund[]): BulkLine {
  const currency = refunds[0].currency;
  const amount = toDecimalString(
    refunds.reduce((sum, r) => sum + r.amount, 0),
    currency,
  );
  const statuses = [...new Set(refunds.map((r) => r.status))].join(', ');
  const unsettled = refunds.find((r) => r.status !== 'succeeded');
  const lost = unsettled?.status === 'failed' || unsettled?.status === 'canceled';
  return line(
    id,
    lost ? 'failed' : 'refunded',
    `Refunded ${withCurrencyCode(amount, currency)} (${statuses}).${unsettled ? ` ${refundStatusNote(unsettled)}` : ''}`,
    { refund_id: refunds.map((r) => r.id).join(', '), amount_decimal: amount, currency },
  );
}

/** What went wrong with one payment, as its line; a rejected key also stops the run. */
function failedLine(id: string, err: unknown, run: Run): BulkLine {
  if (err instanceof OutOfTime) return line(id, 'not_attempted', NOT_REACHED);
  if (err instanceof Stopped) return line(id, 'not_attempted', run.stopped ?? NOT_REACHED);
  if (err instanceof NoAnswerInTime)
    return line(id, 'failed', unconfirmed("the step's time ran out first"));
  if (err instanceof RefundRefused)
    return line(id, err.halt ? 'already_refunded' : 'failed', err.message);
  if (isStripeError(err)) {
    if (err.type === 'StripeAuthenticationError') {
      run.stopped ??= `Stripe rejected the key during this run, so nothing more was started: ${RECONNECT_STRIPE}, then run the step again (payments already refunded are skipped).`;
      return line(id, 'failed', run.stopped);
    }
    if (err.code === 'charge_already_refunded')
      return line(id, 'already_refunded', 'Already fully refunded.');
    return line(id, 'failed', failureText(err));
  }
  throw err;
}

/** Each pasted entry either fails here (a secret, not an id) or becomes work. */
function checkEntries(unique: string[]): {
  lines: Map<string, BulkLine>;
  work: { id: string; kind: RefundableKind }[];
} {
  const lines = new Map<string, BulkLine>();
  const work: { id: string; kind: RefundableKind }[] = [];
  for (const payment of unique) {
    if (holdsSecret(payment)) {
      lines.set(payment, line(payment, 'failed', HOLDS_SECRET));
      continue;
    }
    const checked = checkStripeId(payment, REFUNDABLE_KINDS, 'Payment');
    if ('problem' in checked) lines.set(payment, line(payment, 'failed', checked.problem));
    else work.push({ id: checked.id, kind: checked.kind as RefundableKind });
  }
  return { lines, work };
}

/**
 * Full refunds of many payments inside one step. Each refund is a read plus a create (with its
 * idempotency key, so a re-run never refunds twice); workers draw on the step's rate limiter
 * (the account's budget and each endpoint's), retry 429s while time remains, and leave whatever
 * they cannot finish before the deadline as `not_attempted` (a refund cut off at the deadline is
 * a `failed` line saying it may or may not be made: a re-run finds it). The same payment given as
 * a session, an intent and a charge is refunded and counted once. If Stripe rejects the key
 * midway, nothing new starts and the result still lists what was refunded. `payments` is the list
 * as splitPayments gives it (split, each payment once).
 */
export async function bulkRefund(
  stripe: Stripe,
  payments: string[],
  request: BulkRefundRequest,
  options: BulkOptions,
): Promise<BulkResult> {
  const now = options.now ?? Date.now;
  const run: Run = { stopped: null };
  const gate = bulkGate(run, options.limiter ?? stepLimiter(stripe), {
    deadline: options.deadline,
    now,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    random: options.random ?? Math.random,
  });
  const { lines, work } = checkEntries(payments);
  /** Charge id → the payment that claimed it first (JavaScript runs one claim at a time). */
  const claimed = new Map<string, string>();

  const refundOne = async ({ id, kind }: { id: string; kind: RefundableKind }) => {
    try {
      const targets = await chargesFor(stripe, id, kind, gate);
      const first = targets.map((t) => claimed.get(t.charge.id)).find(Boolean);
      if (first)
        return line(
          id,
          'duplicate',
          `Same payment as ${first} (charge ${targets[0].charge.id}): handled and counted once, under ${first}.`,
        );
      for (const t of targets) claimed.set(t.charge.id, id);
      const { plans, earlier } = planRefunds(targets, { ...request, amount: null });
      if (plans.length === 0)
        return line(
          id,
          'already_refunded',
          `Already refunded by an earlier run on ${isoFromUnix(earlier[0].created)} (${earlier.map((r) => r.id).join(', ')}). Nothing more was sent.`,
          { refund_id: earlier.map((r) => r.id).join(', ') },
        );
      return refundedLine(id, await makeRefunds(stripe, plans, gate));
    } catch (err) {
      return failedLine(id, err, run);
    }
  };

  await mapConcurrent(work, options.concurrency ?? 16, async (item) => {
    lines.set(
      item.id,
      run.stopped
        ? line(item.id, 'not_attempted', run.stopped)
        : now() >= options.deadline
          ? line(item.id, 'not_attempted', NOT_REACHED)
          : await refundOne(item),
    );
  });

  const ordered = payments.map((p) => lines.get(p)!).filter(Boolean);
  const counts: Record<BulkOutcome, number> = {
    refunded: 0,
    already_refunded: 0,
    duplicate: 0,
    failed: 0,
    not_attempted: 0,
  };
  for (const l of ordered) counts[l.outcome] += 1;
  return { counts, lines: ordered, stopped: run.stopped };
}

/** About how many full refunds fit in one step with a test key (25 requests/s, two per refund). */
export const TEST_MODE_PAYMENTS_PER_STEP = 250;

export type OnFailure = 'stop' | 'continue';

export function bulkSummary(result: BulkResult): string {
  const c = result.counts;
  const summary = `${c.refunded} refunded, ${c.already_refunded} already refunded, ${c.failed} failed, ${c.not_attempted} not attempted${c.duplicate ? `, ${c.duplicate} duplicates counted once` : ''}`;
  return result.stopped ? `Stopped early: ${result.stopped} ${summary}` : summary;
}

/**
 * Pure: with `stop`, a run where any payment failed or was not reached ends the step with an
 * error, in one sentence that counts all three outcomes and says the refunds made stay made.
 * Null when the step succeeds (nothing went wrong, or `continue`).
 */
export function bulkFailureMessage(result: BulkResult, onFailure: OnFailure): string | null {
  const c = result.counts;
  if (onFailure === 'continue' || (c.failed === 0 && c.not_attempted === 0)) return null;
  const first = result.lines.find((l) => l.outcome === 'failed');
  const why = result.stopped ?? (first ? `First failure: ${first.payment}: ${first.message}` : '');
  return `${c.refunded} refunded (they stay refunded), ${c.failed} failed, ${c.not_attempted} not attempted: run the step again for the rest (nothing is refunded twice) or set On Failure to Continue. ${why}`;
}
