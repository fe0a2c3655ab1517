export const refundOutputFields = [
  { key: 'id', label: 'Refund ID' },
  { key: 'status', label: 'Status (pending, requires_action, succeeded, failed, canceled)' },
  { key: 'pending_reason', label: 'Pending Reason' },
  { key: 'amount', label: 'Amount Refunded (minor units)', type: 'integer' as const },
  { key: 'amount_decimal', label: 'Amount Refunded' },
  { key: 'currency', label: 'Currency' },
  { key: 'full_refund', label: 'Full Refund', type: 'boolean' as const },
  { key: 'charge', label: 'Charge ID' },
  { key: 'payment_intent', label: 'Payment Intent ID' },
  {
    key: 'remaining_refundable',
    label: 'Still Refundable (minor units)',
    type: 'integer' as const,
  },
  { key: 'remaining_refundable_decimal', label: 'Still Refundable' },
  { key: 'note', label: 'Note' },
];
