/** The order a record links back to (lib/stripe/order-link.ts), as output fields. */
export const orderLinkOutputFields = [
  { key: 'checkout_session', label: 'Checkout Session ID' },
  { key: 'client_reference_id', label: 'Client Reference ID' },
  { key: 'payment_link', label: 'Payment Link ID' },
  { key: 'customer_email', label: 'Customer Email' },
  { key: 'customer_name', label: 'Customer Name' },
  { key: 'order_lookup_message', label: 'Order Lookup Message' },
];
