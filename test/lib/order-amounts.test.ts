import nock from 'nock';
import type Stripe from 'stripe';
import { errors, type ZObject } from 'zapier-platform-core';
import { orderSummaryText } from '../../lib/email/order-summary';
import { stripeClient } from '../../lib/stripe/client';
import { checkoutSessionToOrder, retrieveCheckoutOrder } from '../../lib/stripe/order';
import session from '../fixtures/foundation/checkout_session.json';
import charge from '../fixtures/refunds/charge.json';
import { appTester, authData, countRequests, makeBundle, STRIPE_API } from '../helpers';

/** A balance transaction as Stripe returns it for a card charge. */
const txn = (
  currency: string,
  amount: number,
  fee: number,
  exchangeRate: number | null = null,
) => ({
  id: 'txn_3QxLumenPaid01',
  object: 'balance_transaction',
  amount,
  available_on: 1_795_000_000,
  created: 1_794_800_000,
  currency,
  description: null,
  exchange_rate: exchangeRate,
  fee,
  fee_details: [
    {
      amount: fee,
      application: null,
      currency,
      description: 'Stripe processing fees',
      type: 'stripe_fee',
    },
  ],
  net: amount - fee,
  reporting_category: 'charge',
  source: charge.id,
  status: 'pending',
  type: 'charge',
});

/** The session as the order's one retrieve returns it: charge and balance transaction expanded. */
function sessionWith(
  over: Partial<Record<string, unknown>>,
  chargeOver: Record<string, unknown>,
  balance: ReturnType<typeof txn> | string | null,
): Stripe.Checkout.Session {
  return {
    ...session,
    ...over,
    payment_intent: {
      id: 'pi_3QxLumenPaid01',
      object: 'payment_intent',
      latest_charge: { ...charge, ...chargeOver, balance_transaction: balance },
    },
  } as unknown as Stripe.Checkout.Session;
}

describe('order record: what the customer paid and what reached the balance', () => {
  it.each([
    ['usd', 4860, 171, { total: '48.60', fee: '1.71', net: '46.89' }],
    ['jpy', 4860, 175, { total: '4860', fee: '175', net: '4685' }],
    ['kwd', 4860, 151, { total: '4.860', fee: '0.151', net: '4.709' }],
  ])(
    '%s: amounts in the currency precision, paid and settled in it',
    (currency, total, fee, shown) => {
      const s = sessionWith(
        { currency, amount_total: total },
        { currency, amount: total },
        txn(currency, total, fee),
      );
      expect(checkoutSessionToOrder(s, [])).toMatchObject({
        currency,
        amount_total_decimal: shown.total,
        presentment_currency: currency,
        presentment_amount_total: total,
        presentment_amount_total_decimal: shown.total,
        settlement_currency: currency,
        settlement_amount_decimal: shown.total,
        fee_decimal: shown.fee,
        net_decimal: shown.net,
      });
    },
  );

  it('Adaptive Pricing: a USD price paid in EUR, settled in USD, each in its own currency', () => {
    const s = sessionWith(
      {
        currency: 'usd',
        amount_total: 4860,
        presentment_details: { presentment_amount: 4523, presentment_currency: 'eur' },
      },
      { currency: 'eur', amount: 4523 },
      txn('usd', 4860, 171, 1.0745),
    );
    const order = checkoutSessionToOrder(s, []);
    expect(order).toMatchObject({
      currency: 'usd',
      amount_total_decimal: '48.60',
      presentment_currency: 'eur',
      presentment_amount_total: 4523,
      presentment_amount_total_decimal: '45.23',
      settlement_currency: 'usd',
      settlement_amount_decimal: '48.60',
      fee_decimal: '1.71',
      net_decimal: '46.89',
    });
    // The email's summary ends with what the customer was charged.
    expect(orderSummaryText(order)).toMatch(/Total: 48\.60 USD\nPaid in EUR: 45\.23 EUR$/);
  });

  it('a JPY price paid in KWD and settled in EUR: three currencies, three precisions', () => {
    const s = sessionWith(
      {
        currency: 'jpy',
        amount_total: 12000,
        presentment_details: { presentment_amount: 24650, presentment_currency: 'kwd' },
      },
      { currency: 'kwd', amount: 24650 },
      txn('eur', 7380, 250, 0.2994),
    );
    expect(checkoutSessionToOrder(s, [])).toMatchObject({
      amount_total_decimal: '12000',
      presentment_amount_total_decimal: '24.650',
      settlement_currency: 'eur',
      settlement_amount_decimal: '73.80',
      fee_decimal: '2.50',
      net_decimal: '71.30',
    });
  });

  it('no balance transaction yet (delayed methods) or none at all (subscriptions): fee and net are null', () => {
    for (const s of [
      sessionWith({ payment_status: 'unpaid' }, { status: 'pending' }, null),
      sessionWith({}, {}, 'txn_3QxLumenPaid01'),
      {
        ...session,
        payment_intent: null,
        mode: 'subscription',
      } as unknown as Stripe.Checkout.Session,
    ]) {
      expect(checkoutSessionToOrder(s, [])).toMatchObject({
        presentment_currency: 'usd',
        presentment_amount_total_decimal: '48.60',
        settlement_currency: null,
        settlement_amount_decimal: null,
        fee_decimal: null,
        net_decimal: null,
      });
    }
    expect(orderSummaryText(checkoutSessionToOrder(sessionWith({}, {}, null), []))).not.toMatch(
      /Paid in/,
    );
  });
});

describe('retrieveCheckoutOrder: fee and net in the same one call', () => {
  const fetch = () =>
    appTester(
      (z: ZObject, bundle: { authData: Record<string, string> }) =>
        retrieveCheckoutOrder(stripeClient(z, bundle.authData), session.id),
      makeBundle(),
    );
  const expand = (last: string) => ({
    'expand[0]': 'line_items.data.price.product',
    'expand[1]': 'payment_link',
    'expand[2]': last,
  });

  it('expands the balance transaction in the one session read', async () => {
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query(expand('payment_intent.latest_charge.balance_transaction'))
      .reply(200, sessionWith({}, {}, txn('usd', 4860, 171)));
    expect(await fetch()).toMatchObject({ fee_decimal: '1.71', line_items_count: 2 });
  });

  it('a restricted key without Balance: read still gets the order, without fee and net', async () => {
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query(expand('payment_intent.latest_charge.balance_transaction'))
      .reply(403, {
        error: {
          message:
            "The provided key 'rk_test_***' does not have the required permissions for this endpoint on account 'acct_1Nv0FGQ9RKHgCVdK'. Having the 'rak_balance_transaction_read' permission would allow this request to continue.",
          type: 'invalid_request_error',
        },
      })
      .get(`/v1/checkout/sessions/${session.id}`)
      .query(expand('payment_intent.latest_charge'))
      .reply(200, sessionWith({}, {}, 'txn_3QxLumenPaid01'));
    expect(await fetch()).toMatchObject({
      fee_decimal: null,
      line_items_count: 2,
      receipt_url: charge.receipt_url,
    });
  });

  it('remembers the refusal for the step: later reads on its client go without the expansion, a new client asks again', async () => {
    const ids = ['cs_test_fee1', 'cs_test_fee2', 'cs_test_fee3', 'cs_test_fee4'];
    const refused = nock(STRIPE_API)
      .get(/\/v1\/checkout\/sessions\/cs_test_fee\d$/)
      .query(expand('payment_intent.latest_charge.balance_transaction'))
      .times(2)
      .reply(403, {
        error: {
          message:
            "The provided key 'rk_test_***' does not have the required permissions for this endpoint on account 'acct_1Nv0FGQ9RKHgCVdK'. Having the 'rak_balance_transaction_read' permission would allow this request to continue.",
          type: 'invalid_request_error',
        },
      });
    const plain = nock(STRIPE_API)
      .get(/\/v1\/checkout\/sessions\/cs_test_fee\d$/)
      .query(expand('payment_intent.latest_charge'))
      .times(6)
      .reply(200, (uri) => sessionWith({ id: uri.split('?')[0].split('/').pop() }, {}, 'txn_1'));
    const refusals = countRequests(refused);
    const reads = countRequests(plain);
    const step = () => stripeClient({ errors } as unknown as ZObject, authData);

    const first = step();
    const [a, b, c] = await Promise.all(
      ids.slice(0, 3).map((id) => retrieveCheckoutOrder(first, id)),
    );
    const d = await retrieveCheckoutOrder(first, ids[3]);
    expect([a, b, c, d].map((o) => [o.id, o.fee_decimal])).toEqual(ids.map((id) => [id, null]));
    expect(refusals()).toBe(1);
    expect(reads()).toBe(4);

    await retrieveCheckoutOrder(step(), ids[0]);
    expect(refusals()).toBe(2);
    expect(reads()).toBe(5);
  });

  it('other refusals are not retried', async () => {
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${session.id}`)
      .query(true)
      .reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: 'No such checkout.session',
        },
      });
    await expect(fetch()).rejects.toThrow(/No such checkout.session/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
