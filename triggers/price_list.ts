import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { listPriceChoices } from '../lib/stripe/prices';

export default defineTrigger({
  key: 'price_list',
  noun: 'Price',
  display: {
    label: 'List Prices',
    description: 'Feeds the Price dropdowns: active prices with their product name and amount.',
    hidden: true,
  },
  operation: {
    perform: async (z: ZObject, bundle: Bundle) => {
      const stripe = stripeClient(z, bundle.authData);
      return mapStripeErrors(z, () => listPriceChoices(stripe));
    },
    sample: {
      id: 'price_1QxArtPrintA4',
      name: 'Art print (A4) — 24.00 USD',
      currency: 'usd',
      recurring: null,
    },
    outputFields: [
      { key: 'id', label: 'Price ID' },
      { key: 'name', label: 'Name' },
      { key: 'currency', label: 'Currency' },
      { key: 'recurring', label: 'Billing Interval' },
    ],
  },
});
