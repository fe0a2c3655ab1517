import { defineTrigger } from 'zapier-platform-core';
import { customerChoice } from '../lib/stripe/dropdown';
import { stripeDropdown } from './shared/dropdown';

export default defineTrigger({
  key: 'customer_list',
  noun: 'Customer',
  display: {
    label: 'List Customers',
    description: 'Triggers when a customer is added; feeds the Customer dropdown (newest first).',
    hidden: true,
  },
  operation: {
    canPaginate: true,
    perform: stripeDropdown((stripe, page) => stripe.customers.list(page), customerChoice),
    sample: {
      id: 'cus_Qx1Lumen42',
      name: 'Ada Lovelace · ada@example.com',
      email: 'ada@example.com',
    },
    outputFields: [
      { key: 'id', label: 'Customer ID' },
      { key: 'name', label: 'Name' },
      { key: 'email', label: 'Email' },
    ],
  },
});
