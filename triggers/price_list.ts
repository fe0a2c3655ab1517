import { defineTrigger } from 'zapier-platform-core';
import { priceChoice } from '../lib/stripe/prices';
import { stripeDropdown } from './shared/dropdown';

export default defineTrigger({
  key: 'price_list',
  noun: 'Price',
  display: {
    label: 'List Prices',
    description:
      'Triggers when a price is added; feeds the Price dropdowns with active prices, their product name and amount.',
    hidden: true,
  },
  operation: {
    canPaginate: true,
    perform: stripeDropdown(
      (stripe, page) => stripe.prices.list({ active: true, expand: ['data.product'], ...page }),
      priceChoice,
    ),
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
