import type Stripe from 'stripe';
import { decimalOrNull } from '../money';
import { dashboardUrl, idOf, isoFromUnix } from './ids';
import { orderLinkFields, type OrderLookup } from './order-link';

/** The refund_updated trigger's record: the refund, its payment, and the order it belongs to. */
export type RefundRecord = {
  id: string;
  event: string;
  status: string | null;
  amount: number;
  amount_decimal: string | null;
  currency: string;
  reason: string | null;
  failure_reason: string | null;
  pending_reason: string | null;
  created: string | null;
  payment_intent: string | null;
  charge: string | null;
  checkout_session: string | null;
  client_reference_id: string | null;
  payment_link: string | null;
  customer_email: string | null;
  customer_name: string | null;
  acquirer_reference: string | null;
  statement_expected_by: string | null;
  statement_note: string;
  order_lookup_message: string | null;
  metadata: Record<string, string>;
  dashboard_url: string;
};

const BUSINESS_DAYS_TO_STATEMENT = 10;

/** `days` business days (Monday–Friday) after a moment, as an ISO date. Pure. */
export function addBusinessDays(fromSeconds: number, days: number): string {
  const date = new Date(fromSeconds * 1000);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

/** When the customer sees the money back, in words, and (for cards) a latest date. Pure. */
export function statementExpectation(
  refund: Stripe.Refund,
  nowSeconds: number,
): { by: string | null; note: string } {
  switch (refund.status) {
    case 'succeeded': {
      if (refund.destination_details?.type !== 'card')
        return {
          by: null,
          note: 'Sent back to the payment method; how soon it shows depends on the customer’s bank or wallet.',
        };
      const by = addBusinessDays(nowSeconds, BUSINESS_DAYS_TO_STATEMENT);
      return {
        by,
        note: `Card refunds usually reach the customer’s statement within 5–10 business days (by ${by}).`,
      };
    }
    case 'pending':
      return { by: null, note: 'Not yet: the refund is pending and goes out once it succeeds.' };
    case 'requires_action':
      return {
        by: null,
        note: 'Not yet: the customer must give details (e.g. bank account) before the refund is sent.',
      };
    case 'failed':
      return {
        by: null,
        note: `Never: the refund failed (${refund.failure_reason ?? 'no reason given'}) and the money is back in your Stripe balance.`,
      };
    case 'canceled':
      return { by: null, note: 'Never: the refund was canceled.' };
    default:
      return { by: null, note: `Refund status: ${refund.status ?? 'unknown'}.` };
  }
}

const EVENT_WORD: Record<string, string> = {
  'refund.created': 'created',
  'refund.updated': 'updated',
  'refund.failed': 'failed',
};

/** A refund as an event delivers it: the event's type and mode come with it. */
export interface RefundEvent {
  refund: Stripe.Refund;
  type: string;
  livemode: boolean;
}

/** Pure: a refund (and the order's session when known) → the flat record. */
export function refundToRecord(
  { refund, type: eventType, livemode }: RefundEvent,
  order: OrderLookup,
  nowSeconds: number,
  account?: string | null,
): RefundRecord {
  const expected = statementExpectation(refund, nowSeconds);
  const paymentIntent = idOf(refund.payment_intent as string | { id: string } | null);
  return {
    id: refund.id,
    event: EVENT_WORD[eventType] ?? eventType,
    status: refund.status,
    amount: refund.amount,
    amount_decimal: decimalOrNull(refund.amount, refund.currency),
    currency: refund.currency,
    reason: refund.reason,
    failure_reason: refund.failure_reason ?? null,
    pending_reason: refund.pending_reason ?? null,
    created: isoFromUnix(refund.created),
    payment_intent: paymentIntent,
    charge: idOf(refund.charge as string | { id: string } | null),
    ...orderLinkFields(order),
    acquirer_reference: refund.destination_details?.card?.reference ?? null,
    statement_expected_by: expected.by,
    statement_note: expected.note,
    metadata: { ...(refund.metadata ?? {}) },
    dashboard_url: dashboardUrl(
      paymentIntent ? `payments/${paymentIntent}` : 'payments',
      livemode,
      account,
    ),
  };
}
