import type Stripe from 'stripe';
import { decimalOrNull } from '../money';
import { dashboardUrl, idOf, isoFromUnix } from './ids';
import { orderLinkFields, type OrderLinkFields, type OrderLookup } from './order-link';

/**
 * What a dispute is by its status: an inquiry (`warning_*`, a pre-dispute request: no money moved,
 * the payment can still be refunded), a chargeback (money withdrawn, a response due), or prevented
 * (stopped before it became a chargeback). Pure.
 */
export type DisputeStage = 'inquiry' | 'chargeback' | 'prevented';

export function disputeStage(status: string): DisputeStage {
  if (status.startsWith('warning_')) return 'inquiry';
  return status === 'prevented' ? 'prevented' : 'chargeback';
}

/** The dispute triggers' record: the dispute, what it costs, and the order it belongs to. */
export type DisputeRecord = {
  id: string;
  status: string;
  stage: DisputeStage;
  is_inquiry: boolean;
  /** This dispute object was an inquiry and is now a chargeback (its status left `warning_*`). */
  escalated_from_inquiry: boolean;
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
  dispute_fee_decimal: string | null;
  net_impact_decimal: string | null;
  balance_currency: string | null;
  payment_intent: string | null;
  charge: string | null;
  metadata: Record<string, string>;
  dashboard_url: string;
} & OrderLinkFields;

/**
 * What the dispute moved in the balance, in the balance's currency: withdrawn (negative amounts,
 * as a positive amount), reinstated (positive ones), Stripe's dispute fee (`fee`: charged on the
 * withdrawal, returned as a negative fee when a won dispute's fee is refunded) and the net of it
 * all (`net` = amount − fee; negative is what the dispute cost). Transactions in another currency
 * than the first are not added in. Pure.
 */
export function balanceMovements(transactions: Stripe.BalanceTransaction[]): {
  currency: string | null;
  withdrawn: string | null;
  reinstated: string | null;
  fee: string | null;
  net: string | null;
} {
  const currency = transactions[0]?.currency ?? null;
  if (!currency) return { currency: null, withdrawn: null, reinstated: null, fee: null, net: null };
  const same = transactions.filter((t) => t.currency === currency);
  const sum = (amounts: number[]) => amounts.reduce((total, a) => total + a, 0);
  const amounts = same.map((t) => t.amount);
  return {
    currency,
    withdrawn: decimalOrNull(-sum(amounts.filter((a) => a < 0)), currency),
    reinstated: decimalOrNull(sum(amounts.filter((a) => a > 0)), currency),
    fee: decimalOrNull(sum(same.map((t) => t.fee)), currency),
    net: decimalOrNull(sum(same.map((t) => t.net)), currency),
  };
}

/**
 * Pure: a dispute (and its order's session when known) → the flat record. `escalated`: the event
 * that fires it saw this dispute's status go from an inquiry's to a chargeback's.
 */
export function disputeToRecord(
  dispute: Stripe.Dispute,
  order: OrderLookup,
  nowSeconds: number,
  account?: string | null,
  escalated = false,
): DisputeRecord {
  const dueBy = dispute.evidence_details?.due_by ?? null;
  const moved = balanceMovements(dispute.balance_transactions ?? []);
  const stage = disputeStage(dispute.status);
  return {
    id: dispute.id,
    status: dispute.status,
    stage,
    is_inquiry: stage === 'inquiry',
    escalated_from_inquiry: escalated,
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
    dispute_fee_decimal: moved.fee,
    net_impact_decimal: moved.net,
    balance_currency: moved.currency,
    payment_intent: idOf(dispute.payment_intent),
    charge: idOf(dispute.charge),
    ...orderLinkFields(order),
    metadata: { ...(dispute.metadata ?? {}) },
    dashboard_url: dashboardUrl(`disputes/${dispute.id}`, dispute.livemode, account),
  };
}
