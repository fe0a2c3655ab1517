import type Stripe from 'stripe';
import type { StripeClient } from '../stripe/client';
import { disputeToRecord, type DisputeRecord } from '../stripe/dispute';
import { idOf } from '../stripe/ids';
import type { Selection } from './lifecycle';
import { findPaymentOrder, withOrderLookups } from './order-lookup';

type EnabledEvent = Stripe.WebhookEndpointCreateParams.EnabledEvent;
export type DisputeKind = 'created' | 'closed';

export const DISPUTE_EVENTS: Record<DisputeKind, EnabledEvent[]> = {
  created: ['charge.dispute.created'],
  closed: ['charge.dispute.closed'],
};

/** Fires once per dispute and kind (opened, closed), whatever else the event says. Pure. */
export function selectDispute(
  event: Stripe.Event,
  kind: DisputeKind,
): Selection<Stripe.Dispute> | null {
  if (!(DISPUTE_EVENTS[kind] as string[]).includes(event.type)) return null;
  const dispute = event.data.object as Stripe.Dispute;
  if (dispute.object !== 'dispute' || !dispute.id) return null;
  return { object: dispute, onceKey: `dispute:${dispute.id}:${kind}` };
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
  }: { account: string | null; nowSeconds?: number },
): Promise<DisputeRecord> {
  const order = await findPaymentOrder(stripe, idOf(dispute.payment_intent));
  return disputeToRecord(dispute, order, nowSeconds, account);
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
