import nock from 'nock';
import App from '../../index';
import checkoutSession from '../fixtures/foundation/checkout_session.json';
import paidInvoice from '../fixtures/triggers/invoice_paid.json';
import subscription from '../fixtures/links/subscription.json';
import priceFixture from '../fixtures/links/price.json';
import customer from '../fixtures/links/customer.json';
import { countRequests, makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';
import { eventOf, sampleKeys } from './stripe-hook-helpers';
import { expectOncePerZap, turnOnZap } from './zaps';

const runtime = useRuntime();
const CONNECTED = 'acct_1ConnectedShop';
let n = 0;
const now = () => Math.floor(Date.now() / 1000);
const newEvent = (type: string, object: object, account?: string) =>
  eventOf(type, object, `evt_1QxSub${(n += 1)}${Date.now()}`, account ? { account } : {});

const SUB = 'sub_1QxPrintClub';
/** The subscription's Checkout Session: a Payment Link in subscription mode. */
const session = {
  ...checkoutSession,
  id: 'cs_test_a1SubPrintClub',
  mode: 'subscription',
  payment_intent: null,
  subscription: SUB,
  payment_link: 'plink_1QxPrintClub',
  client_reference_id: 'member-0042',
};
/** The plan's price as Stripe reads it with its product expanded. */
const clubPrice = (over: Record<string, unknown> = {}) => ({
  ...priceFixture,
  id: 'price_1QxClubMonthly',
  type: 'recurring',
  recurring: {
    interval: 'month',
    interval_count: 1,
    meter: null,
    trial_period_days: null,
    usage_type: 'licensed',
  },
  unit_amount: 4500,
  unit_amount_decimal: '4500',
  product: { ...priceFixture.product, id: 'prod_QxClub', name: 'Print club' },
  ...over,
});
/** A canceled subscription carries its price: only this product is read, for its name. */
const proProduct = { ...priceFixture.product, id: 'prod_QxProPlan', name: 'Print club' };
const failedInvoice = (over: Record<string, unknown> = {}) => ({
  ...paidInvoice,
  id: 'in_1QxLumenFailed1',
  status: 'open',
  amount_paid: 0,
  amount_remaining: 4860,
  attempt_count: 1,
  next_payment_attempt: now() + 3 * 86400,
  status_transitions: { ...paidInvoice.status_transitions, paid_at: null },
  ...over,
});
const canceled = (over: Record<string, unknown> = {}) => ({
  ...subscription,
  id: SUB,
  status: 'canceled',
  canceled_at: now() - 60,
  ended_at: now() - 60,
  cancellation_details: {
    comment: 'Too many prints',
    feedback: 'too_expensive',
    reason: 'cancellation_requested',
  },
  ...over,
});

/**
 * The two lookups a record costs: the order by subscription, and the plan's price with its
 * product (an invoice names the price by id) or, given `product`, that product alone.
 */
function lookups(
  options: {
    sub?: string;
    sessions?: object[];
    price?: object;
    product?: { id: string };
    account?: string;
    times?: number;
  } = {},
) {
  const scope = () =>
    nock(STRIPE_API, options.account ? { reqheaders: { 'stripe-account': options.account } } : {});
  const order = scope()
    .get('/v1/checkout/sessions')
    .query({ subscription: options.sub ?? SUB, limit: 1 })
    .times(options.times ?? 1)
    .reply(200, {
      object: 'list',
      data: options.sessions ?? [session],
      has_more: false,
      url: '/v1/checkout/sessions',
    });
  const price = (options.price ?? clubPrice()) as { id: string };
  const plan = options.product
    ? scope()
        .get(`/v1/products/${options.product.id}`)
        .times(options.times ?? 1)
        .reply(200, options.product)
    : scope()
        .get(`/v1/prices/${price.id}`)
        .query({ 'expand[0]': 'product' })
        .times(options.times ?? 1)
        .reply(200, price);
  return { order, plan };
}

describe('invoice_payment_failed', () => {
  it('fires with the hosted invoice page, the retry, the plan and the Payment Link, for two calls', async () => {
    const zap = await turnOnZap(runtime(), 'invoice_payment_failed', { zapId: 'zap-1' });
    const { order, plan } = lookups();
    const calls = countRequests(order, plan);
    const invoice = failedInvoice();
    const [record] = await zap.deliver(newEvent('invoice.payment_failed', invoice));
    expect(record).toMatchObject({
      id: 'in_1QxLumenFailed1',
      subscription: SUB,
      attempt_count: 1,
      next_payment_attempt: new Date(invoice.next_payment_attempt * 1000).toISOString(),
      final_attempt: false,
      amount_due_decimal: '48.60',
      hosted_invoice_url: paidInvoice.hosted_invoice_url,
      customer: 'cus_Qx1Lumen42',
      customer_email: 'ada@example.com',
      customer_name: 'Ada Lovelace',
      price_id: 'price_1QxClubMonthly',
      product_id: 'prod_QxClub',
      product_name: 'Print club',
      interval: 'month',
      interval_count: 1,
      plan_amount: 4500,
      plan_amount_decimal: '45.00',
      quantity: 1,
      checkout_session: session.id,
      client_reference_id: 'member-0042',
      payment_link: 'plink_1QxPrintClub',
      order_lookup_message: null,
      plan_lookup_message: null,
      dashboard_url: 'https://dashboard.stripe.com/test/invoices/in_1QxLumenFailed1',
    });
    expect(calls()).toBe(2);
  });

  it('fires once per failed attempt and Zap: not for a re-delivery of the same attempt', async () => {
    const zap = await turnOnZap(runtime(), 'invoice_payment_failed', { zapId: 'zap-1' });
    const other = await turnOnZap(runtime(), 'invoice_payment_failed', { zapId: 'zap-2' });
    lookups({ times: 3 });
    await expectOncePerZap(
      zap,
      other,
      newEvent('invoice.payment_failed', failedInvoice()),
      newEvent('invoice.payment_failed', failedInvoice()),
    );
    // Stripe's last retry failed: the second attempt fires, with no retry left.
    const [last] = await zap.deliver(
      newEvent(
        'invoice.payment_failed',
        failedInvoice({ attempt_count: 2, next_payment_attempt: null }),
      ),
    );
    expect(last).toMatchObject({
      attempt_count: 2,
      next_payment_attempt: null,
      final_attempt: true,
    });
  });

  it('does not fire for a one-off invoice (no subscription), nor for other invoice events', async () => {
    const zap = await turnOnZap(runtime(), 'invoice_payment_failed', { zapId: 'zap-1' });
    const unmatched = recordUnmatched();
    expect(
      await zap.deliver(
        newEvent('invoice.payment_failed', failedInvoice({ id: 'in_1QxOneOff', parent: null })),
      ),
    ).toEqual([]);
    expect(await zap.deliver(newEvent('invoice.paid', paidInvoice))).toEqual([]);
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
  });

  it('still fires when both lookups fail, with the ids the invoice names and why the rest is empty', async () => {
    const zap = await turnOnZap(runtime(), 'invoice_payment_failed', { zapId: 'zap-1' });
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query(true)
      .times(2)
      .reply(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    nock(STRIPE_API)
      .get('/v1/prices/price_1QxClubMonthly')
      .query(true)
      .reply(403, {
        error: {
          type: 'invalid_request_error',
          code: 'secret_key_required',
          message: 'The provided key does not have the required permissions (rak_price_read).',
        },
      });
    const [record] = await zap.deliver(newEvent('invoice.payment_failed', failedInvoice()));
    expect(record).toMatchObject({
      hosted_invoice_url: paidInvoice.hosted_invoice_url,
      customer_email: 'ada@example.com',
      price_id: 'price_1QxClubMonthly',
      product_id: 'prod_QxClub',
      product_name: null,
      interval: null,
      checkout_session: null,
      payment_link: null,
      order_lookup_message: 'The order could not be read (Stripe answered 500).',
      plan_lookup_message: 'The plan could not be read (the restricted key may not read Prices).',
    });
  });

  it.each([
    ['jpy', 4500, '4500'],
    ['kwd', 4500, '4.500'],
  ])('gives %s amounts in the currency’s own decimals', async (currency, amount, decimal) => {
    const zap = await turnOnZap(runtime(), 'invoice_payment_failed', { zapId: `zap-${currency}` });
    lookups({ price: clubPrice({ currency, unit_amount: amount }) });
    const [record] = await zap.deliver(
      newEvent('invoice.payment_failed', failedInvoice({ currency, amount_due: amount })),
    );
    expect(record).toMatchObject({
      amount_due_decimal: decimal,
      plan_amount_decimal: decimal,
      plan_currency: currency,
    });
  });

  it('on Connect, reads the order and plan on the connected account', async () => {
    const zap = await turnOnZap(runtime(), 'invoice_payment_failed', {
      zapId: 'zap-1',
      authData: { stripe_account: CONNECTED },
    });
    const { order, plan } = lookups({ account: CONNECTED });
    const [record] = await zap.deliver(
      newEvent('invoice.payment_failed', failedInvoice(), CONNECTED),
    );
    expect(order.isDone() && plan.isDone()).toBe(true);
    expect(record.dashboard_url).toBe(
      `https://dashboard.stripe.com/${CONNECTED}/test/invoices/in_1QxLumenFailed1`,
    );
    expect(
      await zap.deliver(newEvent('invoice.payment_failed', failedInvoice(), 'acct_1OtherShop')),
    ).toEqual([]);
  });

  it('samples open subscription invoices that failed an attempt', async () => {
    nock(STRIPE_API)
      .get('/v1/invoices')
      .query({ status: 'open', limit: 100 })
      .reply(200, {
        object: 'list',
        data: [
          failedInvoice({ id: 'in_1QxNotTriedYet', attempt_count: 0 }),
          failedInvoice(),
          failedInvoice({ id: 'in_1QxOneOff', parent: null }),
        ],
        has_more: false,
        url: '/v1/invoices',
      });
    lookups();
    const out = await runtime().run<Record<string, unknown>[]>(
      'triggers.invoice_payment_failed.operation.performList',
      makeBundle({ meta: { limit: 5 } }),
    );
    expect(out).toEqual([
      expect.objectContaining({ id: 'in_1QxLumenFailed1', payment_link: 'plink_1QxPrintClub' }),
    ]);
  });
});

describe('subscription_canceled', () => {
  it('fires with the customer, the plan, why it ended and the Payment Link it came from, for two calls', async () => {
    const zap = await turnOnZap(runtime(), 'subscription_canceled', { zapId: 'zap-1' });
    const { order, plan } = lookups({ product: proProduct });
    const calls = countRequests(order, plan);
    const object = canceled();
    const [record] = await zap.deliver(newEvent('customer.subscription.deleted', object));
    expect(record).toMatchObject({
      id: SUB,
      status: 'canceled',
      canceled_at: new Date(object.canceled_at * 1000).toISOString(),
      cancellation_reason: 'cancellation_requested',
      cancellation_feedback: 'too_expensive',
      cancellation_comment: 'Too many prints',
      customer: 'cus_QxLumen01',
      customer_email: 'ada@example.com',
      customer_name: 'Ada Lovelace',
      price_id: 'price_1QxProMonthly',
      product_id: 'prod_QxProPlan',
      product_name: 'Print club',
      interval: 'month',
      interval_count: 1,
      plan_amount: 2000,
      plan_amount_decimal: '20.00',
      plan_currency: 'usd',
      quantity: 1,
      payment_link: 'plink_1QxPrintClub',
      client_reference_id: 'member-0042',
      plan_lookup_message: null,
      dashboard_url: `https://dashboard.stripe.com/test/subscriptions/${SUB}`,
    });
    expect(calls()).toBe(2);
  });

  it('fires once per subscription and Zap, also under a late replay', async () => {
    const zap = await turnOnZap(runtime(), 'subscription_canceled', { zapId: 'zap-1' });
    const other = await turnOnZap(runtime(), 'subscription_canceled', { zapId: 'zap-2' });
    lookups({ product: proProduct, times: 2 });
    await expectOncePerZap(
      zap,
      other,
      newEvent('customer.subscription.deleted', canceled()),
      newEvent('customer.subscription.deleted', canceled()),
    );
  });

  it('keeps the plan the subscription itself carries when the product and customer cannot be read', async () => {
    const zap = await turnOnZap(runtime(), 'subscription_canceled', { zapId: 'zap-1' });
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query(true)
      .reply(200, { object: 'list', data: [], has_more: false, url: '/v1/checkout/sessions' });
    nock(STRIPE_API)
      .get('/v1/products/prod_QxProPlan')
      .times(2)
      .reply(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    nock(STRIPE_API)
      .get('/v1/customers/cus_QxLumen01')
      .reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: "No such customer: 'cus_QxLumen01'",
        },
      });
    const [record] = await zap.deliver(newEvent('customer.subscription.deleted', canceled()));
    expect(record).toMatchObject({
      price_id: 'price_1QxProMonthly',
      product_id: 'prod_QxProPlan',
      product_name: null,
      interval: 'month',
      plan_amount_decimal: '20.00',
      customer: 'cus_QxLumen01',
      customer_email: null,
      payment_link: null,
      order_lookup_message: 'The subscription did not come through Stripe Checkout.',
      plan_lookup_message: 'The plan could not be read (Stripe answered 500).',
    });
  });

  it('without a checkout, reads the customer for the email a win-back message needs', async () => {
    const zap = await turnOnZap(runtime(), 'subscription_canceled', { zapId: 'zap-1' });
    lookups({ sessions: [], product: proProduct });
    const read = nock(STRIPE_API).get('/v1/customers/cus_QxLumen01').reply(200, customer);
    const [record] = await zap.deliver(newEvent('customer.subscription.deleted', canceled()));
    expect(read.isDone()).toBe(true);
    expect(record).toMatchObject({
      customer: 'cus_QxLumen01',
      customer_email: 'ana@example.com',
      customer_name: 'Ana Lima',
      payment_link: null,
    });
  });

  it('does not read the customer when the checkout kept the email only as customer_email', async () => {
    const zap = await turnOnZap(runtime(), 'subscription_canceled', { zapId: 'zap-1' });
    const typed = { ...session, customer_details: null, customer_email: 'ada@example.com' };
    lookups({ sessions: [typed], product: proProduct });
    const read = nock(STRIPE_API).get('/v1/customers/cus_QxLumen01').reply(200, customer);
    const [record] = await zap.deliver(newEvent('customer.subscription.deleted', canceled()));
    expect(read.isDone()).toBe(false);
    expect(record).toMatchObject({
      customer_email: 'ada@example.com',
      payment_link: 'plink_1QxPrintClub',
    });
    nock.removeInterceptor({
      hostname: 'api.stripe.com',
      path: '/v1/customers/cus_QxLumen01',
      method: 'GET',
      proto: 'https',
    });
  });

  it('on Connect, reads on the connected account and links to its Dashboard', async () => {
    const zap = await turnOnZap(runtime(), 'subscription_canceled', {
      zapId: 'zap-1',
      authData: { stripe_account: CONNECTED },
    });
    const { order } = lookups({
      account: CONNECTED,
      product: proProduct,
    });
    const [record] = await zap.deliver(
      newEvent('customer.subscription.deleted', canceled(), CONNECTED),
    );
    expect(order.isDone()).toBe(true);
    expect(record.dashboard_url).toBe(
      `https://dashboard.stripe.com/${CONNECTED}/test/subscriptions/${SUB}`,
    );
  });

  it('samples the newest canceled subscriptions', async () => {
    nock(STRIPE_API)
      .get('/v1/subscriptions')
      .query({ status: 'canceled', limit: 2 })
      .reply(200, {
        object: 'list',
        data: [canceled()],
        has_more: false,
        url: '/v1/subscriptions',
      });
    lookups({ product: proProduct });
    const out = await runtime().run<Record<string, unknown>[]>(
      'triggers.subscription_canceled.operation.performList',
      makeBundle({ meta: { limit: 2 } }),
    );
    expect(out).toEqual([expect.objectContaining({ id: SUB, payment_link: 'plink_1QxPrintClub' })]);
  });

  it.each(['invoice_payment_failed', 'subscription_canceled'] as const)(
    '%s declares every sample key as an output field',
    (key) => {
      const op = App.triggers[key].operation;
      const declared = new Set((op.outputFields as { key: string }[]).map((f) => f.key));
      for (const k of sampleKeys(op.sample as Record<string, unknown>))
        expect(declared).toContain(k);
    },
  );
});
