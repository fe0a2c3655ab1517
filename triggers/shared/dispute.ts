import type { DisputeRecord } from '../../lib/stripe/dispute';
import {
  DISPUTE_EVENTS,
  disputeChangeRecord,
  recentDisputes,
  selectDispute,
  type DisputeKind,
} from '../../lib/webhooks/disputes';
import { hookOperation, recordHook, samplesFrom } from './hook';
import { orderLinkOutputFields } from './order-link';

export const disputeOutputFields = [
  { key: 'id', label: 'Dispute ID' },
  { key: 'status', label: 'Status' },
  { key: 'stage', label: 'Stage (Inquiry, Chargeback or Prevented)' },
  { key: 'is_inquiry', label: 'Is Inquiry (No Money Withdrawn Yet)', type: 'boolean' as const },
  {
    key: 'escalated_from_inquiry',
    label: 'Escalated From Inquiry to Chargeback',
    type: 'boolean' as const,
  },
  { key: 'outcome', label: 'Outcome (Won or Lost)' },
  { key: 'amount', label: 'Amount (Minor Units)', type: 'integer' as const },
  { key: 'amount_decimal', label: 'Amount' },
  { key: 'currency', label: 'Currency' },
  { key: 'reason', label: 'Reason' },
  { key: 'created', label: 'Opened At', type: 'datetime' as const },
  { key: 'evidence_due_by', label: 'Evidence Due By', type: 'datetime' as const },
  { key: 'evidence_past_due', label: 'Evidence Past Due', type: 'boolean' as const },
  { key: 'has_evidence', label: 'Evidence Submitted', type: 'boolean' as const },
  { key: 'is_charge_refundable', label: 'Charge Still Refundable', type: 'boolean' as const },
  {
    key: 'amount_withdrawn_decimal',
    label: 'Amount Withdrawn (in Balance Currency, Fee Not Included)',
  },
  { key: 'amount_reinstated_decimal', label: 'Amount Reinstated (in Balance Currency)' },
  { key: 'dispute_fee_decimal', label: 'Dispute Fee, Less Fee Returned (in Balance Currency)' },
  {
    key: 'net_impact_decimal',
    label: 'Net Impact on Balance, Fee Included (in Balance Currency; Negative = Cost)',
  },
  { key: 'balance_currency', label: 'Balance Currency (Your Payout Currency)' },
  { key: 'payment_intent', label: 'Payment Intent ID' },
  { key: 'charge', label: 'Charge ID' },
  ...orderLinkOutputFields,
  { key: 'metadata', label: 'Metadata', dict: true },
  { key: 'dashboard_url', label: 'Respond in Stripe Dashboard' },
];

export const disputeSample: DisputeRecord = {
  id: 'dp_1QxLumenDispute1',
  status: 'needs_response',
  stage: 'chargeback',
  is_inquiry: false,
  escalated_from_inquiry: false,
  outcome: null,
  amount: 4860,
  amount_decimal: '48.60',
  currency: 'usd',
  reason: 'product_not_received',
  created: '2026-11-22T10:20:00.000Z',
  evidence_due_by: '2026-12-02T23:59:59.000Z',
  evidence_past_due: false,
  has_evidence: false,
  is_charge_refundable: false,
  amount_withdrawn_decimal: '48.60',
  amount_reinstated_decimal: '0.00',
  dispute_fee_decimal: '15.00',
  net_impact_decimal: '-63.60',
  balance_currency: 'usd',
  payment_intent: 'pi_3QxLumenPaid01',
  charge: 'ch_3QxLumenPaid01',
  checkout_session: 'cs_test_b1sQ2xWyZ8kLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoP',
  client_reference_id: 'order-1042',
  payment_link: 'plink_1QxSpringSale',
  customer_email: 'ada@example.com',
  customer_name: 'Ada Lovelace',
  order_lookup_message: null,
  metadata: {},
  dashboard_url: 'https://dashboard.stripe.com/test/disputes/dp_1QxLumenDispute1',
};

/** The operation of a dispute trigger: the shared lifecycle, records and samples for one kind. */
export function disputeOperation(key: string, kind: DisputeKind, sample: DisputeRecord) {
  const hook = recordHook(
    key,
    DISPUTE_EVENTS[kind],
    (event) => selectDispute(event, kind),
    disputeChangeRecord,
  );
  const performList = samplesFrom((stripe, options) =>
    recentDisputes(stripe, { ...options, kind }),
  );
  return hookOperation(hook, { performList, sample, outputFields: disputeOutputFields });
}
