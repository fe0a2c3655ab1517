/** Stripe adds the card and email to the account's Radar block lists for this reason. */
export const FRAUDULENT_HELP =
  '**fraudulent** is not just a label: Stripe adds the card and the email address to your Radar block lists, so that customer cannot pay you with them again. Use it only for real fraud.';

/** Connect only: who pays for the refund. Stripe's defaults are off, and so are ours. */
export const connectFlagFields = [
  {
    key: 'reverse_transfer',
    label: 'Reverse Transfer (Connect)',
    type: 'boolean' as const,
    required: false,
    helpText:
      'Connect destination charges only. Leave empty (no, as Stripe does) and your platform pays the whole refund; yes takes the refunded share back from the connected account.',
  },
  {
    key: 'refund_application_fee',
    label: 'Refund Application Fee (Connect)',
    type: 'boolean' as const,
    required: false,
    helpText:
      'Connect only. Leave empty (no, as Stripe does) and your platform keeps its application fee while the connected account pays the refund; yes gives the fee back in proportion.',
  },
];

/** The Connect flags and where Stripe emails refund instructions (one refund's own address). */
export const connectRefundFields = [
  ...connectFlagFields,
  {
    key: 'instructions_email',
    label: 'Instructions Email',
    required: false,
    helpText:
      'For payment methods that cannot return money by themselves (e.g. Konbini, PromptPay): Stripe emails refund instructions to this address. Leave empty for cards.',
  },
];

export const refundOutputFields = [
  { key: 'id', label: 'Refund ID' },
  { key: 'status', label: 'Status' },
  { key: 'pending_reason', label: 'Pending Reason' },
  { key: 'failure_reason', label: 'Failure Reason' },
  { key: 'amount', label: 'Amount Refunded (Minor Units)', type: 'integer' as const },
  { key: 'amount_decimal', label: 'Amount Refunded' },
  { key: 'currency', label: 'Currency' },
  { key: 'full_refund', label: 'Full Refund', type: 'boolean' as const },
  { key: 'replayed', label: 'Already Made Earlier (Replayed)', type: 'boolean' as const },
  { key: 'charge', label: 'Charge ID' },
  { key: 'payment_intent', label: 'Payment Intent ID' },
  {
    key: 'remaining_refundable',
    label: 'Still Refundable (Minor Units)',
    type: 'integer' as const,
  },
  { key: 'remaining_refundable_decimal', label: 'Still Refundable' },
  { key: 'refunds[]id', label: 'Refunds: ID' },
  { key: 'refunds[]charge', label: 'Refunds: Charge' },
  { key: 'refunds[]amount_decimal', label: 'Refunds: Amount' },
  { key: 'refunds[]status', label: 'Refunds: Status' },
  { key: 'note', label: 'Note' },
];
