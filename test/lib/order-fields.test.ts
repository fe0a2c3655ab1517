import nock from 'nock';
import type Stripe from 'stripe';
import type { ZObject } from 'zapier-platform-core';
import { stripeClient } from '../../lib/stripe/client';
import { checkoutSessionToOrder, orderForSession } from '../../lib/stripe/order';
import session from '../fixtures/foundation/checkout_session.json';
import link from '../fixtures/links/payment_link.json';
import charge from '../fixtures/refunds/charge.json';
import { appTester, countRequests, makeBundle, STRIPE_API } from '../helpers';

const paid = session as unknown as Stripe.Checkout.Session;
const intent = { id: 'pi_3QxLumenPaid01', object: 'payment_intent', latest_charge: charge };
const expanded = {
  ...session,
  payment_link: link,
  payment_intent: intent,
} as unknown as Stripe.Checkout.Session;

describe('order record: names, link URL and receipt URL', () => {
  it('splits the customer name and takes the URLs from the expanded link and charge', () => {
    expect(checkoutSessionToOrder(expanded, [])).toMatchObject({
      customer_name: 'Ada Lovelace',
      customer_first_name: 'Ada',
      customer_last_name: 'Lovelace',
      payment_link: 'plink_1QxSpringSale',
      payment_link_url: 'https://buy.stripe.com/test_9AQ5kQ',
      payment_intent: 'pi_3QxLumenPaid01',
      receipt_url: 'https://pay.stripe.com/receipts/payment/CAcaFwoV',
    });
  });

  it('leaves the URLs null when the session was not expanded (e.g. a subscription has no charge)', () => {
    const order = checkoutSessionToOrder(
      { ...paid, payment_link: 'plink_1QxSpringSale', payment_intent: null },
      [],
    );
    expect(order).toMatchObject({ payment_link_url: null, receipt_url: null });
  });

  it('keeps a business buyer whole', () => {
    const business = {
      ...paid,
      customer_details: {
        ...paid.customer_details!,
        name: 'Acme GmbH',
        business_name: 'Acme GmbH',
      },
    };
    expect(checkoutSessionToOrder(business, [])).toMatchObject({
      customer_first_name: 'Acme GmbH',
      customer_last_name: null,
    });
  });
});

describe('orderForSession: calls per order', () => {
  const run = (s: Stripe.Checkout.Session) =>
    appTester(
      (z: ZObject, bundle: { authData: Record<string, string> }) =>
        orderForSession(stripeClient(z, bundle.authData), s),
      makeBundle(),
    );

  it("a webhook's session (ids only, no line items): one retrieve that expands items, link and charge", async () => {
    const webhookSession = {
      ...session,
      line_items: undefined,
      payment_link: 'plink_1QxSpringSale',
      payment_intent: 'pi_3QxLumenPaid01',
    } as unknown as Stripe.Checkout.Session;
    const scope = nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${paid.id}`)
      .query({
        'expand[0]': 'line_items.data.price.product',
        'expand[1]': 'payment_link',
        'expand[2]': 'payment_intent.latest_charge.balance_transaction',
      })
      .reply(200, expanded);
    const calls = countRequests(scope);
    const order = await run(webhookSession);
    expect(calls()).toBe(1);
    expect(order).toMatchObject({
      line_items_count: 2,
      payment_link_url: 'https://buy.stripe.com/test_9AQ5kQ',
      receipt_url: 'https://pay.stripe.com/receipts/payment/CAcaFwoV',
    });
  });

  it('a session listed with everything expanded costs no call', async () => {
    const order = await run(expanded);
    expect(order.receipt_url).toBe('https://pay.stripe.com/receipts/payment/CAcaFwoV');
    expect(nock.pendingMocks()).toEqual([]);
  });
});
