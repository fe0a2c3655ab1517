import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { listPaymentLinkChoices } from '../lib/stripe/payment-links';

export default defineTrigger({
  key: 'payment_link_list',
  noun: 'Payment Link',
  display: {
    label: 'List Payment Links',
    description: 'Feeds the Payment Link dropdowns (newest first).',
    hidden: true,
  },
  operation: {
    perform: async (z: ZObject, bundle: Bundle) => {
      const stripe = stripeClient(z, bundle.authData);
      return mapStripeErrors(z, () => listPaymentLinkChoices(stripe));
    },
    sample: {
      id: 'plink_1QxSpringSale',
      name: 'Art print (A4) — https://buy.stripe.com/test_9AQ5kQ',
      url: 'https://buy.stripe.com/test_9AQ5kQ',
      active: true,
    },
    outputFields: [
      { key: 'id', label: 'Payment Link ID' },
      { key: 'name', label: 'Name' },
      { key: 'url', label: 'URL' },
      { key: 'active', label: 'Active', type: 'boolean' },
    ],
  },
});
