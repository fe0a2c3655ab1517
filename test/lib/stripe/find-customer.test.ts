import type Stripe from 'stripe';
import customer from '../../fixtures/links/customer.json';
import { customerRecord, parseCustomerQuery, searchQuote } from '../../../lib/stripe/find-customer';

describe('find_customer: what the Zap builder typed', () => {
  it.each([
    ['cus_QxLumen01', { id: 'cus_QxLumen01' }],
    [' Ana@Example.com ', { email: 'Ana@Example.com' }],
    ['Ana Lima', { name: 'Ana Lima' }],
    ['', { problem: expect.stringMatching(/^Customer is empty: map/) }],
    // Read as every customer input reads ids and addresses: refused before anything is sent.
    ['ana@@example.com', { problem: expect.stringMatching(/Or use the customer ID/) }],
    [
      'ana@example.com, eve@example.net',
      { problem: expect.stringMatching(/Or use the customer ID/) },
    ],
    ['cus_Qx Lumen', { problem: expect.stringMatching(/Customer/) }],
  ])('%j is read as %j', (input, expected) => {
    expect(parseCustomerQuery(input)).toEqual(expected);
  });

  it('quotes a name for Stripe search, escaping quotes and backslashes', () => {
    expect(searchQuote('Ana "AL" Lima\\x')).toBe('"Ana \\"AL\\" Lima\\\\x"');
  });

  it('links the Dashboard in the mode and Connect account of the customer', () => {
    const record = customerRecord(customer as unknown as Stripe.Customer, 2, null, 'acct_1X');
    expect(record).toMatchObject({
      dashboard_url: 'https://dashboard.stripe.com/acct_1X/test/customers/cus_QxLumen01',
      customers_matched: 2,
      latest_order_session: null,
      default_currency: 'usd',
    });
  });
});
