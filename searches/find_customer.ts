import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import {
  customerRecord,
  findCustomers,
  latestLinkOrder,
  parseCustomerQuery,
  type CustomerRecord,
} from '../lib/stripe/find-customer';

const sample: CustomerRecord = {
  id: 'cus_QxLumen01',
  email: 'ana@example.com',
  name: 'Ana Lima',
  phone: null,
  default_currency: 'usd',
  created: '2026-11-23T12:13:20.000Z',
  dashboard_url: 'https://dashboard.stripe.com/test/customers/cus_QxLumen01',
  customers_matched: 1,
  latest_order_session: 'cs_test_a1B2c3D4e5F6g7H8',
  latest_order_payment_link: 'plink_1QxSpringSale',
  latest_order_amount: '48.60',
  latest_order_currency: 'usd',
  latest_order_created: '2026-11-22T09:30:00.000Z',
};

export default defineSearch({
  key: 'find_customer',
  noun: 'Customer',
  display: {
    label: 'Find Customer',
    description: 'Finds a Stripe customer by email, name or ID, newest first.',
  },
  operation: {
    inputFields: [
      {
        key: 'query',
        label: 'Customer',
        required: true,
        helpText:
          'Their email address (exact), full name (exact, any case) or customer ID (cus_…). Several customers match: the newest is returned and **Customers Matched** says how many. A customer created in the last minute may not be found by name yet (Stripe indexes names for search with a short delay).',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const query = parseCustomerQuery(bundle.inputData.query);
      if ('problem' in query) throw new z.errors.Error(query.problem, 'invalid_input', 400);
      const stripe = stripeClient(z, bundle.authData);
      return mapStripeErrors(z, async () => {
        const [newest, ...rest] = await findCustomers(stripe, query);
        if (!newest) return [];
        const order = await latestLinkOrder(stripe, newest.id);
        return [customerRecord(newest, rest.length + 1, order, connectedAccount(bundle.authData))];
      });
    },
    sample,
    outputFields: [
      { key: 'id', label: 'Customer ID' },
      { key: 'email', label: 'Email' },
      { key: 'name', label: 'Name' },
      { key: 'phone', label: 'Phone' },
      { key: 'default_currency', label: 'Default Currency' },
      { key: 'created', label: 'Created', type: 'datetime' },
      { key: 'dashboard_url', label: 'Stripe Dashboard Link' },
      { key: 'customers_matched', label: 'Customers Matched', type: 'integer' },
      { key: 'latest_order_session', label: 'Latest Payment Link Order: Checkout Session ID' },
      { key: 'latest_order_payment_link', label: 'Latest Payment Link Order: Payment Link ID' },
      { key: 'latest_order_amount', label: 'Latest Payment Link Order: Amount' },
      { key: 'latest_order_currency', label: 'Latest Payment Link Order: Currency' },
      {
        key: 'latest_order_created',
        label: 'Latest Payment Link Order: Date',
        type: 'datetime',
      },
    ],
  },
});
