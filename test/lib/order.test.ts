import nock from 'nock';
import type Stripe from 'stripe';
import type { ZObject } from 'zapier-platform-core';
import { stripeClient } from '../../lib/stripe/client';
import { checkoutSessionToOrder, isPaid, retrieveCheckoutOrder } from '../../lib/stripe/order';
import session from '../fixtures/foundation/checkout_session.json';
import { appTester, countRequests, makeBundle, STRIPE_API } from '../helpers';

const paid = session as unknown as Stripe.Checkout.Session;

/** A line of a customer-chooses-what-to-pay price, as Stripe lists it (the price has no unit_amount). */
function payWhatYouWant(amount: number, currency: string): Stripe.LineItem {
  return {
    ...paid.line_items!.data[1],
    currency,
    description: 'Donation',
    amount_subtotal: amount,
    amount_discount: 0,
    amount_tax: 0,
    amount_total: amount,
    quantity: 1,
    price: {
      ...paid.line_items!.data[1].price!,
      id: 'price_1QxDonation',
      currency,
      unit_amount: null,
      unit_amount_decimal: null,
      custom_unit_amount: { maximum: null, minimum: 500, preset: 2000 },
    },
  } as Stripe.LineItem;
}

describe('checkout session → order record', () => {
  const order = checkoutSessionToOrder(paid, paid.line_items!.data);

  it('flattens customer, address and shipping', () => {
    expect(order).toMatchObject({
      customer_name: 'Ada Lovelace',
      customer_email: 'ada@example.com',
      customer_phone: '+15035550100',
      customer_address_line1: '12 Alder St',
      customer_address_country: 'US',
      shipping_name: 'Ada Lovelace',
      shipping_address_line2: 'Apt 3',
    });
  });

  it('gives amounts in minor units and as decimals in the currency precision', () => {
    expect(order).toMatchObject({
      amount_subtotal: 4500,
      amount_subtotal_decimal: '45.00',
      amount_tax: 360,
      amount_tax_decimal: '3.60',
      amount_total: 4860,
      amount_total_decimal: '48.60',
      currency: 'usd',
    });
    const yen = checkoutSessionToOrder({ ...paid, currency: 'jpy', amount_total: 4860 }, []);
    expect(yen.amount_total_decimal).toBe('4860');
  });

  it('keys custom fields by their key, keeping values verbatim', () => {
    expect(order.custom_fields).toEqual({ engraving: '=HYPERLINK("x")', size: 'a4' });
  });

  it('maps line items with product names, expanded or not', () => {
    expect(order.line_items).toEqual([
      expect.objectContaining({
        description: 'Art print (A4)',
        quantity: 2,
        unit_amount: 1500,
        unit_amount_decimal: '15.00',
        amount_total: 3240,
        amount_total_decimal: '32.40',
        price_id: 'price_1QxPrint',
        product_id: 'prod_QxPrint',
        product_name: 'Art print (A4)',
      }),
      expect.objectContaining({
        description: 'Gift wrap',
        product_id: 'prod_QxWrap',
        product_name: 'Gift wrap',
      }),
    ]);
    expect(order.line_items_count).toBe(2);
    expect(order.line_items_summary).toBe('2 × Art print (A4), 1 × Gift wrap');
  });

  it('a customer-chooses-what-to-pay price shows the amount the customer paid per item, not null', () => {
    const [item] = checkoutSessionToOrder(paid, [payWhatYouWant(2500, 'eur')]).line_items;
    expect(item).toMatchObject({
      unit_amount: 2500,
      unit_amount_decimal: '25.00',
      amount_total: 2500,
      price_id: 'price_1QxDonation',
    });
    const [yen] = checkoutSessionToOrder(paid, [payWhatYouWant(3000, 'jpy')]).line_items;
    expect(yen).toMatchObject({ unit_amount: 3000, unit_amount_decimal: '3000' });
  });

  it('a tiered price keeps unit_amount null (no single unit price exists)', () => {
    const tiered = {
      ...paid.line_items!.data[1],
      price: { ...paid.line_items!.data[1].price!, billing_scheme: 'tiered', unit_amount: null },
    } as Stripe.LineItem;
    expect(checkoutSessionToOrder(paid, [tiered]).line_items[0].unit_amount).toBeNull();
  });

  it('carries the link, its metadata, ids and an ISO created time', () => {
    expect(order).toMatchObject({
      id: paid.id,
      created: '2025-11-22T08:26:40.000Z',
      payment_link: 'plink_1QxSpringSale',
      metadata: { campaign: 'spring-sale' },
      client_reference_id: 'order-1042',
      payment_intent: 'pi_3QxLumenPaid01',
      customer: 'cus_Qx1Lumen42',
      invoice: null,
      subscription: null,
    });
  });

  it('links to the payment in the test-mode Dashboard (and the connected account)', () => {
    expect(order.dashboard_url).toBe(
      'https://dashboard.stripe.com/test/payments/pi_3QxLumenPaid01',
    );
    expect(checkoutSessionToOrder({ ...paid, livemode: true }, [], 'acct_1X').dashboard_url).toBe(
      'https://dashboard.stripe.com/acct_1X/payments/pi_3QxLumenPaid01',
    );
  });

  it('counts paid and free orders as paid, unpaid completions not', () => {
    expect(isPaid({ payment_status: 'paid' })).toBe(true);
    expect(isPaid({ payment_status: 'no_payment_required' })).toBe(true);
    expect(isPaid({ payment_status: 'unpaid' })).toBe(false);
  });
});

describe('retrieveCheckoutOrder', () => {
  const fetchOrder = (z: ZObject, bundle: { authData: Record<string, string> }) =>
    retrieveCheckoutOrder(stripeClient(z, bundle.authData), paid.id);

  it('costs one Stripe call when the line items fit in the expansion', async () => {
    const scope = nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${paid.id}`)
      .query({
        'expand[0]': 'line_items.data.price.product',
        'expand[1]': 'payment_link',
        'expand[2]': 'payment_intent.latest_charge.balance_transaction',
      })
      .reply(200, session);
    const calls = countRequests(scope);
    const order = await appTester(fetchOrder, makeBundle());
    expect(order.line_items_count).toBe(2);
    expect(calls()).toBe(1);
  });

  it('a pay-what-you-want item read from Stripe carries the amount paid as its unit amount', async () => {
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${paid.id}`)
      .query(true)
      .reply(200, {
        ...session,
        line_items: { ...session.line_items, data: [payWhatYouWant(4200, 'usd')] },
      });
    const order = await appTester(fetchOrder, makeBundle());
    expect(order.line_items[0]).toMatchObject({ unit_amount: 4200, unit_amount_decimal: '42.00' });
  });

  it('fetches the rest of the line items when the expansion was cut short', async () => {
    const truncated = {
      ...session,
      line_items: {
        ...session.line_items,
        data: session.line_items.data.slice(0, 1),
        has_more: true,
      },
    };
    const scope = nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${paid.id}`)
      .query(true)
      .reply(200, truncated)
      .get(`/v1/checkout/sessions/${paid.id}/line_items`)
      .query({ limit: 100, 'expand[0]': 'data.price.product' })
      .reply(200, { object: 'list', data: session.line_items.data, has_more: false, url: '' });
    const calls = countRequests(scope);
    const order = await appTester(fetchOrder, makeBundle());
    expect(order.line_items_count).toBe(2);
    expect(calls()).toBe(2);
  });
});
