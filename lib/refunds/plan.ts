import type Stripe from 'stripe';
import { MoneyError, moneyText, parseDecimalAmount } from '../money';
import { METADATA_LIMITS } from '../stripe/metadata';
import { refundIdempotencyKey } from '../stripe/idempotency';
import { idOf, isoFromUnix } from '../stripe/ids';
import type { ChargeToRefund } from './resolve';

export const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'other'] as const;
export type RefundReason = (typeof REASONS)[number];

/** A refund that must not be sent, with the reason in plain words. `halt`: a soft stop. */
export class RefundRefused extends Error {
  constructor(
    message: string,
    readonly halt = false,
    readonly code = 'refund_refused',
  ) {
    super(message);
  }
}

export interface RefundPlan {
  chargeId: string;
  currency: string;
  /** Minor units; the whole remaining amount for a full refund. */
  amount: number;
  full: boolean;
  remainingBefore: number;
  params: Stripe.RefundCreateParams;
  idempotencyKey: string;
}

export interface RefundRequest {
  amount?: string | number | null;
  reason?: string | null;
  note?: string | null;
  metadata?: Record<string, string>;
  idempotencyKey?: string | null;
  /** Connect: reverse the transfer to the connected account (Stripe's default: no). */
  reverseTransfer?: boolean;
  /** Connect: give back the application fee (Stripe's default: no). */
  refundApplicationFee?: boolean;
  /** Where Stripe emails refund instructions for payment methods that need them (Konbini, PromptPay…). */
  instructionsEmail?: string | null;
}

/** The metadata key the Note is stored under. */
export const NOTE_KEY = 'reason_note';

export function refundableAmount(
  charge: Pick<Stripe.Charge, 'captured' | 'amount_captured' | 'amount_refunded'>,
): number {
  return (charge.captured ? charge.amount_captured : 0) - charge.amount_refunded;
}

export function checkReason(
  reason: unknown,
  note: unknown,
): { reason: RefundReason | null; note: string | null } {
  const text = typeof reason === 'string' ? reason.trim() : '';
  const noteText = typeof note === 'string' ? note.trim() : '';
  if (!text) return { reason: null, note: noteText || null };
  if (!(REASONS as readonly string[]).includes(text)) {
    throw new RefundRefused(
      `Reason "${text}" is not one of: duplicate, fraudulent, requested_by_customer, other.`,
    );
  }
  if (text === 'other' && !noteText)
    throw new RefundRefused(
      'Reason "other" needs a Note explaining the refund (as the Stripe Dashboard asks).',
    );
  return { reason: text as RefundReason, note: noteText || null };
}

/** A disputed charge is refundable only while its dispute says so (inquiries, early warnings). */
function disputeBlocksRefund(charge: Stripe.Charge, dispute: Stripe.Dispute | null): string | null {
  if (!charge.disputed) return null;
  if (dispute?.is_charge_refundable) return null;
  const status = dispute ? ` (dispute ${dispute.id}: ${dispute.status.replace(/_/g, ' ')})` : '';
  return `${charge.id} is disputed${status} and Stripe does not allow refunding it now. Respond to the dispute in the Dashboard instead: if you accept it, the customer gets the money back.`;
}

/** The user's metadata, the Note and the request's marker, as stored on every refund it makes. */
function noteAndMetadata(
  note: string | null,
  metadata: Record<string, string> = {},
  marker: string,
): Record<string, string> {
  if (metadata[MARKER_KEY] !== undefined)
    throw new RefundRefused(
      `Metadata has a "${MARKER_KEY}" key, which this step keeps for itself (it finds a refund made by an earlier run by it). Rename your metadata key. Nothing was sent.`,
    );
  const mine = metadata[NOTE_KEY];
  if (note && mine !== undefined && mine !== note) {
    throw new RefundRefused(
      `Metadata has a "${NOTE_KEY}" key and Note is filled in too; the Note is stored as "${NOTE_KEY}". Remove one of them, or rename your metadata key. Nothing was sent.`,
    );
  }
  const all = { ...metadata, ...(note ? { [NOTE_KEY]: note } : {}), [MARKER_KEY]: marker };
  if (Object.keys(all).length > METADATA_LIMITS.keys)
    throw new RefundRefused(
      `Stripe keeps at most ${METADATA_LIMITS.keys} metadata keys and this step needs one (${MARKER_KEY}${note ? `, plus ${NOTE_KEY} for the Note` : ''}): give at most ${METADATA_LIMITS.keys - Object.keys(all).length + Object.keys(metadata).length} of your own. Nothing was sent.`,
    );
  return all;
}

/**
 * Pure: decides the refund against the charge as it is now, or refuses it (nothing is sent):
 * already fully refunded (a soft halt), failed, not captured, disputed beyond refunding, bad or
 * too-large amount, a Note that would overwrite a metadata key.
 */
export function planRefund(
  charge: Stripe.Charge,
  request: RefundRequest,
  dispute: Stripe.Dispute | null = null,
  marker: string = requestMarker([{ charge, dispute }], request),
): RefundPlan {
  const currency = charge.currency;
  const remaining = refundableAmount(charge);
  if (charge.refunded || (charge.captured && remaining <= 0)) {
    throw new RefundRefused(
      `${charge.id} is already fully refunded (${moneyText(charge.amount_refunded, currency)}). Nothing was sent.`,
      true,
    );
  }
  if (charge.status === 'failed')
    throw new RefundRefused(
      `${charge.id} is a failed payment: it was declined, so no money was taken and there is nothing to refund.`,
    );
  if (!charge.captured)
    throw new RefundRefused(
      `${charge.id} was authorised but never captured, so there is nothing to refund: cancel the payment instead.`,
    );
  const disputed = disputeBlocksRefund(charge, dispute);
  if (disputed) throw new RefundRefused(disputed);
  const { reason, note } = checkReason(request.reason, request.note);
  const amount = givenAmount(request, currency) ?? remaining;
  checkNotOver(amount, remaining, currency, charge.id);
  const full = amount === remaining;
  const metadata = noteAndMetadata(note, request.metadata, marker);
  const params = refundParams(charge.id, full ? null : amount, reason, metadata, request);
  return {
    chargeId: charge.id,
    currency,
    amount,
    full,
    remainingBefore: remaining,
    params,
    idempotencyKey: refundIdempotencyKey(
      charge.id,
      full ? 'full' : amount,
      reason,
      request.idempotencyKey,
    ),
  };
}

/** The amount asked for, in minor units; null when empty (everything left). */
function givenAmount(request: RefundRequest, currency: string): number | null {
  const given =
    request.amount === null || request.amount === undefined ? '' : String(request.amount).trim();
  if (!given) return null;
  try {
    return parseDecimalAmount(given, currency);
  } catch (err) {
    if (err instanceof MoneyError) throw new RefundRefused(`Amount: ${err.message}`);
    throw err;
  }
}

function checkNotOver(amount: number, remaining: number, currency: string, where: string): void {
  if (amount <= remaining) return;
  throw new RefundRefused(
    `Amount ${moneyText(amount, currency)} is more than the ${moneyText(remaining, currency)} left to refund on ${where}. Nothing was sent.`,
  );
}

function refundParams(
  chargeId: string,
  amount: number | null,
  reason: RefundReason | null,
  metadata: Record<string, string>,
  request: RefundRequest,
): Stripe.RefundCreateParams {
  return {
    charge: chargeId,
    ...(amount === null ? {} : { amount }),
    ...(reason && reason !== 'other' ? { reason } : {}),
    ...(Object.keys(metadata).length ? { metadata } : {}),
    ...(request.reverseTransfer ? { reverse_transfer: true } : {}),
    ...(request.refundApplicationFee ? { refund_application_fee: true } : {}),
    ...(request.instructionsEmail ? { instructions_email: request.instructionsEmail } : {}),
  };
}

/**
 * Every refund a request makes carries the request's marker in its metadata under this key, so a
 * run of the same request at any later time (Stripe forgets idempotency keys after 24 hours)
 * finds the refund on the payment and reports it instead of refunding again.
 */
export const MARKER_KEY = 'zapier_refund_request';

const paymentOf = (targets: ChargeToRefund[]): string =>
  idOf(targets[0].charge.payment_intent as string | { id: string } | null) ??
  targets.map((t) => t.charge.id).join(',');

/**
 * The request's marker: what was asked (payment, amount as given or "everything left", reason,
 * the user's own key), never what was left at the time, so the same request gives the same
 * marker before and after its refund.
 */
export function requestMarker(targets: ChargeToRefund[], request: RefundRequest): string {
  const amount = givenAmount(request, targets[0].charge.currency);
  const { reason } = checkReason(request.reason, request.note);
  return refundIdempotencyKey(paymentOf(targets), amount ?? 'full', reason, request.idempotencyKey);
}

const counts = (r: Stripe.Refund) => r.status !== 'failed' && r.status !== 'canceled';

/** The refunds an earlier run of this request made on one charge (failed or canceled ones gave nothing back). */
const markedOn = (charge: Stripe.Charge, marker: string): Stripe.Refund[] =>
  (charge.refunds?.data ?? []).filter((r) => r.metadata?.[MARKER_KEY] === marker && counts(r));

function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/**
 * The same request with other details (a changed note or metadata): the refund was made the first
 * time. Names it, and never suggests anything that would refund again.
 */
export function alreadyMadeWithOtherDetails(
  existing: Stripe.Refund | undefined,
  chargeId: string,
): RefundRefused {
  const made = existing
    ? `This refund was already made: ${existing.id} (${moneyText(existing.amount, existing.currency)}, ${existing.status}, ${isoFromUnix(existing.created)})`
    : `This refund was already requested on ${chargeId}`;
  return new RefundRefused(
    `${made}, with other details (note, metadata…). Nothing more was refunded. Edit that refund's metadata in the Stripe Dashboard if needed.`,
    false,
    'idempotency_key_reused',
  );
}

const sum = (refunds: Stripe.Refund[]) => refunds.reduce((total, r) => total + r.amount, 0);

function eligible(target: ChargeToRefund): boolean {
  const { charge } = target;
  return (
    charge.status === 'succeeded' && charge.captured && !disputeBlocksRefund(charge, target.dispute)
  );
}

/** What to do for one request: the refunds to make now, and those an earlier run already made. */
export interface RefundDecision {
  plans: RefundPlan[];
  earlier: Stripe.Refund[];
}

/**
 * Pure: the refunds to make for a payment whose money may sit on one charge or several (newest
 * first). First the refunds an earlier run of the same request made are found by their marker —
 * before any refusal, so a replay is reported as the refund it made, whatever is left now. One
 * charge: `planRefund`. Several: a full refund refunds each charge in full (each with its own
 * key, as a single refund would); a partial amount is filled newest charge first, and a re-run
 * after a partial failure makes only the parts still missing.
 */
export function planRefunds(targets: ChargeToRefund[], request: RefundRequest): RefundDecision {
  const marker = requestMarker(targets, request);
  const amount = givenAmount(request, targets[0].charge.currency);
  const candidates = targets.filter(eligible);
  const open = candidates.filter((t) => refundableAmount(t.charge) > 0);
  const earlier = targets.flatMap((t) => markedOn(t.charge, marker));
  const doneTotal = sum(earlier);
  if (earlier.length && (amount === null ? open.length === 0 : doneTotal >= amount)) {
    const { note } = checkReason(request.reason, request.note);
    const asked = noteAndMetadata(note, request.metadata, marker);
    const other = earlier.find((r) => !sameMetadata(r.metadata ?? {}, asked));
    if (other) throw alreadyMadeWithOtherDetails(other, idOf(other.charge as string | null) ?? '');
    return { plans: [], earlier };
  }
  if (candidates.length <= 1 || open.length === 0) {
    const only = open[0] ?? candidates[0] ?? targets[0];
    return { plans: [planRefund(only.charge, request, only.dispute, marker)], earlier };
  }
  const full = () =>
    open.map((t) => planRefund(t.charge, { ...request, amount: null }, t.dispute, marker));
  if (amount === null) return { plans: full(), earlier };
  const currency = candidates[0].charge.currency;
  const where = `${paymentOf(candidates)} (over ${candidates.length} charges)`;
  const remaining = open.reduce((total, t) => total + refundableAmount(t.charge), 0);
  // Everything left, and no part of this request made before: the same as a full refund.
  if (amount === remaining && doneTotal === 0) return { plans: full(), earlier };
  checkNotOver(amount, remaining + doneTotal, currency, where);
  const { reason, note } = checkReason(request.reason, request.note);
  const metadata = noteAndMetadata(note, request.metadata, marker);
  const done = candidates.map((t) => sum(markedOn(t.charge, marker)));
  let left = amount;
  const plans: RefundPlan[] = [];
  candidates.forEach((target, i) => {
    const before = refundableAmount(target.charge);
    const part = Math.min(left, before + done[i]);
    left -= part;
    const toDo = part - done[i];
    if (toDo <= 0) return;
    plans.push({
      chargeId: target.charge.id,
      currency,
      amount: toDo,
      full: toDo === before,
      remainingBefore: before,
      params: refundParams(target.charge.id, toDo, reason, metadata, request),
      idempotencyKey: refundIdempotencyKey(target.charge.id, part, reason, marker),
    });
  });
  return { plans, earlier };
}
