import type Stripe from 'stripe';
import { decimalOrNull } from '../money';
import { dashboardUrl, idOf, isoFromUnix } from './ids';
import { orderLinkFields, type OrderLinkFields, type OrderLookup } from './order-link';

/** The dispute triggers' record: the dispute, what it costs, and the order it belongs to. */
export type DisputeRecord = {
  id: string;
  status: string;
  outcome: 'won' | 'lost' | null;
  amount: number;
  amount_decimal: string | null;
  currency: string;
  reason: string;
  created: string | null;
  evidence_due_by: string | null;
  evidence_past_due: boolean;
  has_evidence: boolean;
  is_charge_refundable: boolean;
  amount_withdrawn_decimal: string | null;
  amount_reinstated_decimal: string | null;
  balance_currency: string | null;
  payment_intent: string | null;
  charge: string | null;
  metadata: Record<string, string>;
  dashboard_url: string;
} & OrderLinkFields;

/**
 * What the dispute moved in the balance: withdrawn (negative transactions, as a positive
 * amount) and reinstated (positive ones), in the balance's currency. Transactions in another
 * currency than the first are not added in. Pure.
 */
export function balanceMovements(transactions: Stripe.BalanceTransaction[]): {
  currency: string | null;
  withdrawn: string | null;
  reinstated: string | null;
} {
  const currency = transactions[0]?.currency ?? null;
  if (!currency) return { currency: null, withdrawn: null, reinstated: null };
  const same = transactions.filter((t) => t.currency === currency).map((t) => t.amount);
  const sum = (amounts: number[]) => amounts.reduce((total, a) => total + a, 0);
  return {
    currency,
    withdrawn: decimalOrNull(-sum(same.filter((a) => a < 0)), currency),
    reinstated: decimalOrNull(sum(same.filter((a) => a > 0)), currency),
  };
}

/** Pure: a dispute (and its order's session when known) → the flat record. */
export function disputeToRecord(
  dispute: Stripe.Dispute,
  order: OrderLookup,
  nowSeconds: number,
  account?: string | null,
): DisputeRecord {
  const dueBy = dispute.evidence_details?.due_by ?? null;
  const moved = balanceMovements(dispute.balance_transactions ?? []);
  return {
    id: dispute.id,
    status: dispute.status,
    outcome: dispute.status === 'won' ? 'won' : dispute.status === 'lost' ? 'lost' : null,
    amount: dispute.amount,
    amount_decimal: decimalOrNull(dispute.amount, dispute.currency),
    currency: dispute.currency,
    reason: dispute.reason,
    created: isoFromUnix(dispute.created),
    evidence_due_by: isoFromUnix(dueBy),
    evidence_past_due:
      Boolean(dispute.evidence_details?.past_due) || (dueBy !== null && dueBy < nowSeconds),
    has_evidence: Boolean(dispute.evidence_details?.has_evidence),
    is_charge_refundable: dispute.is_charge_refundable,
    amount_withdrawn_decimal: moved.withdrawn,
    amount_reinstated_decimal: moved.reinstated,
    balance_currency: moved.currency,
    payment_intent: idOf(dispute.payment_intent),
    charge: idOf(dispute.charge),
    ...orderLinkFields(order),
    metadata: { ...(dispute.metadata ?? {}) },
    dashboard_url: dashboardUrl(`disputes/${dispute.id}`, dispute.livemode, account),
  };
}
