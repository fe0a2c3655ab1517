import nock from 'nock';
import Stripe from 'stripe';
import { expectRefusals, forgiving } from '../strict';
import { STRIPE_API, TEST_SECRET_KEY } from '../../helpers';
import { checkStripeRequest } from './check';
import { stripeSpec } from './spec';
import type { WireRequest } from '../wire';

/**
 * Each refusal kind of the strict Stripe double, proven to fire: requests sent by the real SDK
 * through nock (the wire as in every test), and raw requests for what the SDK never sends.
 */

const PINNED = stripeSpec().apiVersion;
const client = (options: Stripe.StripeConfig = {}) =>
  new Stripe(TEST_SECRET_KEY, {
    apiVersion: PINNED as Stripe.LatestApiVersion,
    maxNetworkRetries: 0,
    ...options,
  });
const list = { object: 'list', data: [], has_more: false, url: '/v1/checkout/sessions' };

/** Answers anything on Stripe with `reply` (the double decides first). */
function answerAll(reply: object = list) {
  const scope = nock(STRIPE_API);
  for (const method of ['GET', 'POST', 'DELETE'])
    scope.intercept(/.*/, method).query(true).times(5).reply(200, reply);
  return scope;
}

type Row = [string, (stripe: Stripe) => Promise<unknown>, RegExp, Stripe.StripeConfig?];

const refused: Row[] = [
  [
    'a fractional created filter',
    (s) => s.checkout.sessions.list({ created: { gte: 1795589699.05 }, limit: 100 }),
    /400 parameter_invalid_integer \(created\[gte\]\): Invalid integer: 1795589699\.05/,
  ],
  [
    'a fractional amount',
    (s) => s.refunds.create({ payment_intent: 'pi_1', amount: 12.5 }, { idempotencyKey: 'k1' }),
    /parameter_invalid_integer \(amount\): Invalid integer: 12\.5/,
  ],
  [
    'a limit over 100',
    (s) => s.customers.list({ limit: 101 }),
    /parameter_invalid_integer \(limit\): This value must be less than or equal to 100/,
  ],
  ['a limit of 0', (s) => s.paymentLinks.list({ limit: 0 }), /parameter_invalid_integer \(limit\)/],
  [
    'both cursors',
    (s) => s.refunds.list({ starting_after: 're_1', ending_before: 're_2' }),
    /parameters_exclusive/,
  ],
  [
    'an unknown parameter',
    (s) =>
      s.checkout.sessions.list({
        client_reference_id: 'order-1',
      } as Stripe.Checkout.SessionListParams),
    /parameter_unknown \(client_reference_id\): Received unknown parameter: client_reference_id/,
  ],
  [
    'an unknown nested parameter',
    (s) =>
      s.paymentLinks.create({
        line_items: [
          { price: 'price_1', quantity: 1, qty: 2 } as Stripe.PaymentLinkCreateParams.LineItem,
        ],
      }),
    /parameter_unknown \(line_items\[0\]\[qty\]\)/,
  ],
  [
    'a bad enum value',
    (s) =>
      s.refunds.create(
        { charge: 'ch_1', reason: 'changed_mind' as Stripe.RefundCreateParams.Reason },
        { idempotencyKey: 'k2' },
      ),
    /\(reason\): Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer/,
  ],
  [
    'a bad nested enum value',
    (s) =>
      s.paymentLinks.create({
        line_items: [{ price: 'price_1', quantity: 1 }],
        after_completion: { type: 'thank_you' as 'redirect' },
      }),
    /\(after_completion\[type\]\): Invalid after_completion\[type\]: must be one of/,
  ],
  [
    'a missing required parameter',
    (s) => s.paymentLinks.create({} as Stripe.PaymentLinkCreateParams),
    /parameter_missing \(line_items\): Missing required param: line_items\./,
  ],
  [
    'a missing required nested parameter',
    (s) =>
      s.paymentLinks.create({
        line_items: [{ price: 'price_1' } as Stripe.PaymentLinkCreateParams.LineItem],
      }),
    /parameter_missing \(line_items\[0\]\[quantity\]\)/,
  ],
  [
    'an empty string for a parameter that cannot be unset',
    (s) => s.paymentLinks.list({ active: '' as unknown as boolean }),
    /parameter_invalid_empty \(active\)/,
  ],
  [
    'a boolean that is not true or false',
    (s) => s.paymentLinks.list({ active: 'yes' as unknown as boolean }),
    /\(active\): Invalid boolean: yes/,
  ],
  [
    'a hash where a string belongs',
    (s) => s.customers.list({ email: { x: '1' } as unknown as string }),
    /\(email\): Invalid email: expected a single value/,
  ],
  [
    'a wrong Stripe-Version',
    (s) => s.customers.list({}),
    /Invalid Stripe API version: 2020-08-27/,
    { apiVersion: '2020-08-27' as Stripe.LatestApiVersion },
  ],
  [
    "a refund POST with only the SDK's random key",
    (s) => s.refunds.create({ payment_intent: 'pi_1' }),
    /idempotency_key_missing.*got the SDK's random key/,
    { maxNetworkRetries: 1 },
  ],
  [
    'a webhook endpoint created with a Stripe-Account header',
    (s) =>
      s.webhookEndpoints.create(
        { url: 'https://hooks.zapier.com/x', enabled_events: ['checkout.session.completed'] },
        { stripeAccount: 'acct_1Connected' },
      ),
    /Webhook endpoints cannot be managed with a Stripe-Account header/,
  ],
  [
    'a destination-charge link made on the connected account',
    (s) =>
      s.paymentLinks.create(
        {
          line_items: [{ price: 'price_1', quantity: 1 }],
          transfer_data: { destination: 'acct_1Connected' },
        },
        { stripeAccount: 'acct_1Connected' },
      ),
    /destination-charge payment link/,
  ],
  [
    'connected accounts listed with a Stripe-Account header',
    (s) => s.accounts.list({ limit: 100 }, { stripeAccount: 'acct_1Connected' }),
    /403 invalid_request_error: Only Stripe Connect platforms can work with other accounts/,
  ],
  [
    'an expansion deeper than four levels',
    (s) => s.subscriptions.list({ expand: ['data.items.data.price.product'] }),
    /\(expand\): You cannot expand more than 4 levels of a property/,
  ],
  [
    'a subscription status Stripe does not know',
    (s) => s.subscriptions.list({ status: 'open' as Stripe.SubscriptionListParams.Status }),
    /\(status\): Invalid status: must be one of active, all, canceled/,
  ],
  [
    'an endpoint that does not exist',
    (s) => s.rawRequest('GET', '/v1/checkout/session_search', {}),
    /404 invalid_request_error: Unrecognized request URL \(GET: \/v1\/checkout\/session_search\)/,
  ],
  [
    'a method the path does not take',
    (s) => s.rawRequest('DELETE', '/v1/refunds/re_1', {}),
    /405 invalid_request_error: Unrecognized request URL \(DELETE: \/v1\/refunds\/re_1\)/,
  ],
];

describe('the strict Stripe double refuses what Stripe refuses', () => {
  // Every row with its options (jest reads a missing last argument as `done`).
  const rows = refused.map(([name, send, reason, options]) => [name, send, reason, options ?? {}]);
  test.each(rows as Required<Row>[])('%s', async (_name, send, reason, options) => {
    const scope = answerAll();
    const { refusals, error } = await expectRefusals(() => send(client(options)));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(reason);
    // The code under test meets Stripe's own error, as it would in production.
    expect(error).toBeInstanceOf(Stripe.errors.StripeError);
    expect(scope.isDone()).toBe(false);
  });

  test('an idempotency key reused with other parameters is refused as Stripe refuses it', async () => {
    answerAll({ id: 're_1', object: 'refund' });
    const stripe = client();
    await stripe.refunds.create({ payment_intent: 'pi_1', amount: 100 }, { idempotencyKey: 'k' });
    const { refusals, error } = await expectRefusals(() =>
      stripe.refunds.create({ payment_intent: 'pi_1', amount: 200 }, { idempotencyKey: 'k' }),
    );
    expect(refusals).toEqual([expect.stringMatching(/idempotency_error.*same parameters/)]);
    expect((error as Stripe.errors.StripeError).type).toBe('StripeIdempotencyError');
  });

  test('the same key with the same parameters is a replay, not a refusal', async () => {
    answerAll({ id: 're_1', object: 'refund' });
    const stripe = client();
    const params = { payment_intent: 'pi_1', amount: 100 };
    await stripe.refunds.create(params, { idempotencyKey: 'k' });
    const { refusals } = await expectRefusals(() =>
      stripe.refunds.create(params, { idempotencyKey: 'k' }),
    );
    expect(refusals).toEqual([]);
  });

  test('a test that wants the forgiving answer says so', async () => {
    answerAll();
    await expect(
      forgiving(() => client().checkout.sessions.list({ created: { gte: 1.5 } })),
    ).resolves.toMatchObject({ object: 'list' });
  });
});

describe('what Stripe accepts passes', () => {
  const accepted: [string, (stripe: Stripe) => Promise<unknown>][] = [
    [
      'a session list with every filter the scanner sends',
      (s) =>
        s.checkout.sessions.list({
          created: { gte: 1795589699, lt: 1795589999 },
          limit: 100,
          starting_after: 'cs_test_1',
          payment_link: 'plink_1',
          status: 'complete',
          expand: ['data.line_items'],
          customer_details: { email: 'a@example.com' },
        }),
    ],
    [
      'a refund with metadata, a reason and our key',
      (s) =>
        s.refunds.create(
          {
            payment_intent: 'pi_1',
            amount: 1250,
            reason: 'requested_by_customer',
            metadata: { zap_refund: 'abc' },
          },
          { idempotencyKey: 'zap-refund-abc' },
        ),
    ],
    [
      'a payment link with decimals where Stripe takes them',
      (s) =>
        s.paymentLinks.create({
          line_items: [{ price: 'price_1', quantity: 2 }],
          application_fee_percent: 2.5,
          after_completion: { type: 'redirect', redirect: { url: 'https://shop.example/thanks' } },
          metadata: { campaign: 'winter', unset_me: null },
        }),
    ],
    ['unsetting metadata with an empty string', (s) => s.refunds.update('re_1', { metadata: '' })],
    [
      'a Connect request with a valid account',
      (s) => s.charges.retrieve('ch_1', {}, { stripeAccount: 'acct_1Connected' }),
    ],
    ["the key's own account", (s) => s.accounts.retrieveCurrent()],
    ['connected accounts, listed on the platform', (s) => s.accounts.list({ limit: 100 })],
    [
      'four levels of expansion',
      (s) =>
        s.checkout.sessions.list({
          expand: ['data.payment_intent.latest_charge.balance_transaction'],
        }),
    ],
    [
      "a customer's open subscriptions (no status: all but canceled)",
      (s) => s.subscriptions.list({ customer: 'cus_1', limit: 100 }),
    ],
  ];
  test.each(accepted)('%s', async (_name, send) => {
    answerAll({ id: 'x', object: 'list', data: [], has_more: false });
    const { refusals } = await expectRefusals(() => send(client()));
    expect(refusals).toEqual([]);
  });
});

describe('raw requests the SDK never sends', () => {
  const base: WireRequest = {
    method: 'GET',
    origin: STRIPE_API,
    path: '/v1/customers',
    headers: { authorization: `Bearer ${TEST_SECRET_KEY}`, 'stripe-version': PINNED },
    body: '',
  };
  const rows: [string, Partial<WireRequest>, RegExp][] = [
    ['no API key', { headers: { 'stripe-version': PINNED } }, /401.*did not provide an API key/],
    [
      'no Stripe-Version',
      { headers: { authorization: `Bearer ${TEST_SECRET_KEY}` } },
      /house rule: no Stripe-Version header/,
    ],
    [
      'a malformed Stripe-Account',
      { headers: { ...base.headers, 'stripe-account': 'acct 1' } },
      /403 account_invalid/,
    ],
    ['a body on a GET', { body: 'limit=3' }, /house rule: a GET request with a body/],
    [
      'a refund POST without an Idempotency-Key (stripe-node always adds one; a raw client would not)',
      { method: 'POST', path: '/v1/refunds', body: 'payment_intent=pi_1' },
      /idempotency_key_missing.*needs an Idempotency-Key derived from the request \(got none\)/,
    ],
    ['an unclosed bracket', { path: '/v1/customers?created[gte=1' }, /Invalid parameter name/],
    [
      'an array given as a single value',
      { path: '/v1/customers?expand=data.default_source' },
      /\(expand\): Invalid array/,
    ],
    [
      'an idempotency key over 255 characters',
      {
        method: 'POST',
        path: '/v1/customers',
        body: 'email=a%40example.com',
        headers: { ...base.headers, 'idempotency-key': 'k'.repeat(256) },
      },
      /must be at most 255 characters/,
    ],
  ];
  test.each(rows)('%s', (_name, change, reason) => {
    expect(checkStripeRequest({ ...base, ...change })?.reason).toMatch(reason);
  });
  test('the same request, well formed, passes', () => {
    expect(checkStripeRequest(base)).toBeNull();
  });
});
