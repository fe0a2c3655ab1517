import { defineTrigger } from 'zapier-platform-core';
import { checkoutSessionChoice } from '../lib/stripe/dropdown';
import { stripeDropdown } from './shared/dropdown';

export default defineTrigger({
  key: 'checkout_session_list',
  noun: 'Checkout Session',
  display: {
    label: 'List Checkout Sessions',
    description:
      'Triggers when a Checkout Session is completed; feeds the Checkout Session and Payment dropdowns (newest first).',
    hidden: true,
  },
  operation: {
    canPaginate: true,
    perform: stripeDropdown(
      (stripe, page) => stripe.checkout.sessions.list({ status: 'complete', ...page }),
      checkoutSessionChoice,
    ),
    sample: {
      id: 'cs_test_b1sQ2xWyZ8kLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoP',
      name: 'Ada Lovelace · ada@example.com — 48.60 USD — 2026-11-22',
    },
    outputFields: [
      { key: 'id', label: 'Checkout Session ID' },
      { key: 'name', label: 'Name' },
    ],
  },
});
