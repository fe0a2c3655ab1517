import { defineTrigger } from 'zapier-platform-core';
import { listSubscriptionsForDropdown, subscriptionChoice } from '../lib/stripe/subscriptions';
import { stripeDropdown } from './shared/dropdown';

export default defineTrigger({
  key: 'subscription_list',
  noun: 'Subscription',
  display: {
    label: 'List Subscriptions',
    description:
      "Triggers when a subscription is started; feeds the Subscription dropdown with the chosen customer's subscriptions.",
    hidden: true,
  },
  operation: {
    canPaginate: true,
    perform: stripeDropdown(
      (stripe, page, input) => listSubscriptionsForDropdown(stripe, page, input.customer),
      subscriptionChoice,
    ),
    sample: {
      id: 'sub_1QxLumenPro01',
      name: 'Pro plan · 20.00 USD/month · active · sub_1QxLumenPro01',
      status: 'active',
      customer: 'cus_QxLumen01',
    },
    outputFields: [
      { key: 'id', label: 'Subscription ID' },
      { key: 'name', label: 'Name' },
      { key: 'status', label: 'Status' },
      { key: 'customer', label: 'Customer ID' },
    ],
  },
});
