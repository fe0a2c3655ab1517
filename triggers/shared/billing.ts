import type {
  CanceledSubscriptionRecord,
  FailedPaymentRecord,
} from '../../lib/stripe/billing-record';
import { orderLinkOutputFields } from './order-link';

const customerOutputFields = [{ key: 'customer', label: 'Customer ID' }, ...orderLinkOutputFields];

const planOutputFields = [
  { key: 'price_id', label: 'Price ID' },
  { key: 'product_id', label: 'Product ID' },
  { key: 'product_name', label: 'Product Name' },
  { key: 'interval', label: 'Billing Interval' },
  { key: 'interval_count', label: 'Billing Interval Count', type: 'integer' as const },
  { key: 'plan_amount', label: 'Plan Amount (Minor Units)', type: 'integer' as const },
  { key: 'plan_amount_decimal', label: 'Plan Amount' },
  { key: 'plan_currency', label: 'Plan Currency' },
  { key: 'quantity', label: 'Quantity', type: 'integer' as const },
  { key: 'plan_lookup_message', label: 'Plan Lookup Message' },
];

export const failedPaymentOutputFields = [
  { key: 'id', label: 'Invoice ID' },
  { key: 'number', label: 'Invoice Number' },
  { key: 'status', label: 'Invoice Status' },
  { key: 'subscription', label: 'Subscription ID' },
  { key: 'attempt_count', label: 'Attempt Count', type: 'integer' as const },
  { key: 'next_payment_attempt', label: 'Next Retry At', type: 'datetime' as const },
  { key: 'final_attempt', label: 'No Retry Left', type: 'boolean' as const },
  { key: 'amount_due', label: 'Amount Due (Minor Units)', type: 'integer' as const },
  { key: 'amount_due_decimal', label: 'Amount Due' },
  { key: 'currency', label: 'Currency' },
  { key: 'billing_reason', label: 'Billing Reason' },
  { key: 'hosted_invoice_url', label: 'Hosted Invoice Page (Pay Here)' },
  ...planOutputFields,
  ...customerOutputFields,
  { key: 'dashboard_url', label: 'Stripe Dashboard Link' },
];

export const canceledSubscriptionOutputFields = [
  { key: 'id', label: 'Subscription ID' },
  { key: 'status', label: 'Status' },
  { key: 'created', label: 'Started At', type: 'datetime' as const },
  { key: 'canceled_at', label: 'Canceled At', type: 'datetime' as const },
  { key: 'ended_at', label: 'Ended At', type: 'datetime' as const },
  { key: 'cancellation_reason', label: 'Cancellation Reason' },
  { key: 'cancellation_feedback', label: 'Customer Feedback' },
  { key: 'cancellation_comment', label: 'Customer Comment' },
  { key: 'latest_invoice', label: 'Latest Invoice ID' },
  ...planOutputFields,
  ...customerOutputFields,
  { key: 'dashboard_url', label: 'Stripe Dashboard Link' },
];

const plan = {
  price_id: 'price_1QxProMonthly',
  product_id: 'prod_QxProPlan',
  product_name: 'Print Club',
  interval: 'month',
  interval_count: 1,
  plan_amount: 2000,
  plan_amount_decimal: '20.00',
  plan_currency: 'usd',
  quantity: 1,
  plan_lookup_message: null,
};

const order = {
  customer: 'cus_QxLumen01',
  checkout_session: 'cs_test_a1SubQ2xWyZ8kLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNo',
  client_reference_id: 'member-0042',
  payment_link: 'plink_1QxPrintClub',
  customer_email: 'ada@example.com',
  customer_name: 'Ada Lovelace',
  order_lookup_message: null,
};

export const failedPaymentSample: FailedPaymentRecord = {
  id: 'in_1QxLumenFailed1',
  number: 'LUMEN-0043',
  status: 'open',
  subscription: 'sub_1QxLumenPro01',
  attempt_count: 1,
  next_payment_attempt: '2026-11-25T08:26:41.000Z',
  final_attempt: false,
  amount_due: 2000,
  amount_due_decimal: '20.00',
  currency: 'usd',
  billing_reason: 'subscription_cycle',
  hosted_invoice_url: 'https://invoice.stripe.com/i/acct_SAMPLE/test_SAMPLE',
  ...plan,
  ...order,
  dashboard_url: 'https://dashboard.stripe.com/test/invoices/in_1QxLumenFailed1',
};

export const canceledSubscriptionSample: CanceledSubscriptionRecord = {
  id: 'sub_1QxLumenPro01',
  status: 'canceled',
  created: '2026-08-23T12:20:00.000Z',
  canceled_at: '2026-11-23T12:20:00.000Z',
  ended_at: '2026-11-23T12:20:00.000Z',
  cancellation_reason: 'cancellation_requested',
  cancellation_feedback: 'too_expensive',
  cancellation_comment: null,
  latest_invoice: 'in_1QxLumenInv001',
  ...plan,
  ...order,
  dashboard_url: 'https://dashboard.stripe.com/test/subscriptions/sub_1QxLumenPro01',
};
