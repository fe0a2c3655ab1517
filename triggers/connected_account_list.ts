import { defineTrigger } from 'zapier-platform-core';
import { accountsListRefusal, connectedAccountChoice } from '../lib/stripe/connected-accounts';
import { stripeDropdown } from './shared/dropdown';

export default defineTrigger({
  key: 'connected_account_list',
  noun: 'Connected Account',
  display: {
    label: 'List Connected Accounts',
    description:
      "Triggers when an account is connected to your Connect platform; feeds the connected-account dropdowns (a platform's key only).",
    hidden: true,
  },
  operation: {
    canPaginate: true,
    // Connected accounts are the platform's: listed without the connection's Stripe-Account.
    perform: stripeDropdown((stripe, page) => stripe.accounts.list(page), connectedAccountChoice, {
      platform: true,
      refusal: accountsListRefusal,
    }),
    sample: {
      id: 'acct_1QxPartnerStudio',
      name: 'Partner Studio · studio@example.com · US · acct_1QxPartnerStudio',
      country: 'US',
      charges_enabled: true,
    },
    outputFields: [
      { key: 'id', label: 'Account ID' },
      { key: 'name', label: 'Name' },
      { key: 'country', label: 'Country' },
      { key: 'charges_enabled', label: 'Charges Enabled', type: 'boolean' },
    ],
  },
});
