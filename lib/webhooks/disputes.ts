import type Stripe from 'stripe';
import type { StripeClient } from '../stripe/client';
import { disputeStage, disputeToRecord, type DisputeRecord } from '../stripe/dispute';
import { idOf } from '../stripe/ids';
import type { Selection } from './lifecycle';
import { findPaymentOrder, withOrderLookups } from './order-lookup';

type EnabledEvent = Stripe.WebhookEndpointCreateParams.EnabledEvent;
export type DisputeKind = 'created' | 'closed';

/**
 * Opened: a new dispute (inquiry or chargeback), and an inquiry that became a chargeback on the
 * same dispute object, which Stripe tells only by `charge.dispute.updated`.
 */
export const DISPUTE_EVENTS: Record<DisputeKind, EnabledEvent[]> = {
  created: ['charge.dispute.created', 'charge.dispute.updated'],
  closed: ['charge.dispute.closed'],
};

/** What fires: the dispute as the event shows it, and whether the event is its escalation. */
export interface DisputeChange {
  dispute: Stripe.Dispute;
  escalated: boolean;
}

/**
 * Pure: the event says an inquiry became a chargeback — a `charge.dispute.updated` whose
 * `previous_attributes.status` is an inquiry's (`warning_*`) and whose status now is a
 * chargeback's. Evidence submitted, `warning_needs_response` → `warning_under_review`, an inquiry
 * closed (`warning_closed`) or prevented: not an escalation.
 */
export function isEscalation(event: Stripe.Event): boolean {
  if (event.type !== 'charge.dispute.updated') return false;
  const previous = (event.data.previous_attributes as { status?: unknown } | undefined)?.status;
  const dispute = event.data.object as Stripe.Dispute;
  return (
    typeof previous === 'string' &&
    disputeStage(previous) === 'inquiry' &&
    disputeStage(dispute.status) === 'chargeback'
  );
}

/**
 * Fires once per dispute and kind (opened, closed), whatever else the event says; an inquiry that
 * escalates on the same dispute object fires once more, under its own key (`…:escalated`). An
 * inquiry's opening delivered after its escalation fired does not fire (Stripe's delivery is
 * unordered; the chargeback is what needs the response). Pure.
 */
export function selectDispute(
  event: Stripe.Event,
  kind: DisputeKind,
): Selection<DisputeChange> | null {
  if (!(DISPUTE_EVENTS[kind] as string[]).includes(event.type)) return null;
  const dispute = event.data.object as Stripe.Dispute;
  if (dispute.object !== 'dispute' || !dispute.id) return null;
  const escalated = isEscalation(event);
  if (event.type === 'charge.dispute.updated' && !escalated) return null;
  const onceKey = `dispute:${dispute.id}:${escalated ? 'escalated' : kind}`;
  if (kind === 'closed') return { object: { dispute, escalated }, onceKey };
  const sequence = {
    key: `dispute:${dispute.id}:opened`,
    at: event.created,
    rank: escalated ? 1 : 0,
  };
  return { object: { dispute, escalated }, onceKey, sequence };
}

/**
 * The dispute's record with its order: one call (the Checkout Session of its payment intent). A
 * failed lookup still fires the dispute, with `order_lookup_message` saying why.
 */
export async function disputeRecordFor(
  stripe: StripeClient,
  dispute: Stripe.Dispute,
  {
    account,
    nowSeconds = Math.floor(Date.now() / 1000),
    escalated = false,
  }: { account: string | null; nowSeconds?: number; escalated?: boolean },
): Promise<DisputeRecord> {
  const order = await findPaymentOrder(stripe, idOf(dispute.payment_intent));
  return disputeToRecord(dispute, order, nowSeconds, account, escalated);
}

/** The record of what a dispute event fires. */
export function disputeChangeRecord(
  stripe: StripeClient,
  { dispute, escalated }: DisputeChange,
  options: { account: string | null },
): Promise<DisputeRecord> {
  return disputeRecordFor(stripe, dispute, { ...options, escalated });
}

const CLOSED = new Set(['won', 'lost', 'warning_closed', 'prevented']);

/** The newest disputes (of this kind: any, or closed) in the trigger's shape, for samples. */
export async function recentDisputes(
  stripe: StripeClient,
  options: { kind: DisputeKind; limit: number; account: string | null; nowSeconds?: number },
): Promise<DisputeRecord[]> {
  const page = await stripe.disputes.list({
    limit: options.kind === 'closed' ? 100 : options.limit,
  });
  const disputes = page.data
    .filter((d) => options.kind === 'created' || CLOSED.has(d.status))
    .slice(0, options.limit);
  return withOrderLookups(stripe, disputes, (dispute) =>
    disputeRecordFor(stripe, dispute, options),
  );
}
