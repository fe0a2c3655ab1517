/** The one-payment input (a session, intent or charge id) of Create Refund and Send Stripe Receipt. */
export const paymentField = {
  key: 'payment',
  label: 'Payment',
  required: true,
  dynamic: 'checkout_session_list.id.name',
  search: 'find_checkout_session.id',
  helpText:
    'A Checkout Session (`cs_…`, e.g. from the trigger), Payment Intent (`pi_…`) or Charge (`ch_…`/`py_…`) ID.',
} as const;
