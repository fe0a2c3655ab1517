import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { activeFirst, paymentLinkChoice } from '../lib/stripe/payment-links';
import { stripeDropdown } from './shared/dropdown';

const links = stripeDropdown(
  (stripe, page) => stripe.paymentLinks.list({ expand: ['data.line_items'], ...page }),
  paymentLinkChoice,
);

export default defineTrigger({
  key: 'payment_link_list',
  noun: 'Payment Link',
  display: {
    label: 'List Payment Links',
    description:
      'Triggers when a Payment Link is created; feeds the Payment Link dropdowns (newest first).',
    hidden: true,
  },
  operation: {
    canPaginate: true,
    perform: async (z: ZObject, bundle: Bundle) => activeFirst(await links(z, bundle)),
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
