import type Stripe from 'stripe';
import type { StripeClient } from '../stripe/client';
import { idOf } from '../stripe/ids';
import { refundToRecord, type RefundEvent, type RefundRecord } from '../stripe/refund-record';
import { findPaymentOrder, withOrderLookups } from './order-lookup';
import type { Selection } from './lifecycle';

export const REFUND_EVENTS: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
  'refund.created',
  'refund.updated',
  'refund.failed',
];

/** Where a status stands in a refund's life, for updates created in the same second. */
const STATUS_RANK: Record<string, number> = {
  pending: 0,
  requires_action: 1,
  succeeded: 2,
  failed: 3,
  canceled: 3,
};

/**
 * Fires once per refund and status: created (pending or succeeded), then each change of status
 * (succeeded, failed, canceled, requires_action). An update that leaves the status as it was
 * (metadata, say) does not fire again, and a status older than one already fired (deliveries
 * out of order) never fires: ordered by the event's `created`, then by status. Pure.
 */
export function selectRefund(event: Stripe.Event): Selection<RefundEvent> | null {
  if (!(REFUND_EVENTS as string[]).includes(event.type)) return null;
  const refund = event.data.object as Stripe.Refund;
  if (refund.object !== 'refund' || !refund.id) return null;
  return {
    object: { refund, type: event.type, livemode: event.livemode },
    onceKey: `refund:${refund.id}:${refund.status ?? 'unknown'}`,
    sequence: {
      key: `refund:${refund.id}:latest`,
      at: event.created,
      rank: STATUS_RANK[refund.status ?? ''] ?? 0,
    },
  };
}

/**
 * The refund's record with the order it belongs to: one call (the Checkout Session of its
 * payment intent, for the customer's email and your reference). A failed lookup still fires the
 * refund, with `order_lookup_message` saying why the order fields are empty.
 */
export async function refundRecordFor(
  stripe: StripeClient,
  refundEvent: RefundEvent,
  account: string | null,
  nowSeconds: number,
): Promise<RefundRecord> {
  const order = await findPaymentOrder(
    stripe,
    idOf(refundEvent.refund.payment_intent as string | { id: string } | null),
  );
  return refundToRecord(refundEvent, order, nowSeconds, account);
}

/** The newest refunds in the trigger's shape (for the Zap editor's sample). */
export async function recentRefunds(
  stripe: StripeClient,
  options: { limit: number; livemode: boolean; account: string | null; nowSeconds: number },
): Promise<RefundRecord[]> {
  const page = await stripe.refunds.list({ limit: Math.min(100, options.limit) });
  return withOrderLookups(stripe, page.data, (refund) =>
    refundRecordFor(
      stripe,
      { refund, type: 'refund.updated', livemode: options.livemode },
      options.account,
      options.nowSeconds,
    ),
  );
}
