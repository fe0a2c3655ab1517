import charge from '../fixtures/refunds/charge.json';
import { operationRunner, refusedBeforeSending } from '../helpers';
import { stripeReplies, type WireRequest } from './stripe-wire';

const run = operationRunner('creates', 'send_stripe_receipt');
const SESSION = 'cs_test_b1sQ2xWyZ8kLmNoPqRsTuVwXyZ0123456789';
const intent = {
  id: 'pi_3QxLumenPaid01',
  object: 'payment_intent',
  status: 'succeeded',
  latest_charge: charge,
};
const session = {
  id: SESSION,
  object: 'checkout.session',
  mode: 'payment',
  payment_status: 'paid',
  payment_intent: intent,
};

function chargeUpdate(wire: WireRequest[], base: object = charge) {
  return stripeReplies(wire, 'post', '/v1/charges/ch_3QxLumenPaid01', (form) => ({
    ...base,
    receipt_email: form.receipt_email,
    receipt_number: '1873-4409',
  }));
}

describe('send_stripe_receipt', () => {
  it("from a Checkout Session: finds the charge in one call and sets receipt_email to the customer's address", async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', `/v1/checkout/sessions/${SESSION}`, session);
    chargeUpdate(wire);
    const out = await run({ payment: SESSION });
    expect(wire.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/checkout/sessions/${SESSION}`,
      'POST /v1/charges/ch_3QxLumenPaid01',
    ]);
    expect(decodeURIComponent(wire[0].query)).toContain('expand[0]=payment_intent.latest_charge');
    expect(wire[1].form).toEqual({ receipt_email: 'ada@example.com' });
    expect(wire[1].idempotencyKey).toMatch(/^zapier-receipt-[0-9a-f]{48}$/);
    expect(out).toEqual({
      receipt_url: 'https://pay.stripe.com/receipts/payment/CAcaFwoV',
      email: 'ada@example.com',
      charge: 'ch_3QxLumenPaid01',
      payment_intent: 'pi_3QxLumenPaid01',
      status: 'succeeded',
      amount: 4860,
      amount_decimal: '48.60',
      currency: 'usd',
      receipt_number: '1873-4409',
      livemode: false,
      note: expect.stringMatching(/^Test mode: Stripe does not email receipts/),
    });
  });

  it('sends to the given address; a replay of the step sends the same idempotency key (no second email)', async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', '/v1/payment_intents/pi_3QxLumenPaid01', intent);
    chargeUpdate(wire, { ...charge, livemode: true });
    const first = await run({ payment: 'pi_3QxLumenPaid01', email: ' <accounts@example.org> ' });
    await run({ payment: 'pi_3QxLumenPaid01', email: 'accounts@example.org' });
    const posts = wire.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.form.receipt_email)).toEqual([
      'accounts@example.org',
      'accounts@example.org',
    ]);
    expect(posts[0].idempotencyKey).toBe(posts[1].idempotencyKey);
    expect(first).toMatchObject({ email: 'accounts@example.org', note: '' });
  });

  it("falls back to the customer's email when the charge has none, on the connected account", async () => {
    const wire: WireRequest[] = [];
    const bare = { ...charge, billing_details: { ...charge.billing_details, email: null } };
    stripeReplies(wire, 'get', '/v1/charges/ch_3QxLumenPaid01', bare);
    stripeReplies(wire, 'get', '/v1/customers/cus_Qx1Lumen42', {
      id: 'cus_Qx1Lumen42',
      object: 'customer',
      email: 'ada.l@example.com',
    });
    chargeUpdate(wire, bare);
    const asConnected = operationRunner('creates', 'send_stripe_receipt', false, {
      stripe_account: 'acct_1QxSeller',
    });
    await asConnected({ payment: 'ch_3QxLumenPaid01' });
    expect(wire.map((r) => `${r.method} ${r.path} ${r.account}`)).toEqual([
      'GET /v1/charges/ch_3QxLumenPaid01 acct_1QxSeller',
      'GET /v1/customers/cus_Qx1Lumen42 acct_1QxSeller',
      'POST /v1/charges/ch_3QxLumenPaid01 acct_1QxSeller',
    ]);
    expect(wire[2].form.receipt_email).toBe('ada.l@example.com');
  });

  it.each<[string, string, object, RegExp]>([
    [
      'a failed payment',
      '/v1/charges/ch_3QxLumenPaid01',
      { ...charge, status: 'failed', failure_message: 'Your card was declined.' },
      /failed \(Your card was declined\.\): Stripe sends receipts only for successful payments/,
    ],
    [
      'a subscription session',
      `/v1/checkout/sessions/${SESSION}`,
      { ...session, mode: 'subscription', payment_intent: null },
      /has no payment to send a receipt for: it is a subscription-mode session/,
    ],
    [
      'a payment without any email',
      '/v1/charges/ch_3QxLumenPaid01',
      { ...charge, customer: null, billing_details: { ...charge.billing_details, email: null } },
      /no customer email on record\. Map the address/,
    ],
  ])('refuses %s after looking, and sets no receipt address', async (_n, path, reply, message) => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', path, reply);
    const payment = path.includes('sessions') ? SESSION : 'ch_3QxLumenPaid01';
    const { err } = await refusedBeforeSending(() => run({ payment }));
    expect(err).toMatchObject({ code: 'receipt_refused', message: expect.stringMatching(message) });
    expect(wire.map((r) => r.method)).toEqual(['GET']);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no payment', {}, /Payment is empty/],
    ['a customer id as payment', { payment: 'cus_Qx1Lumen42' }, /is not a valid id/],
    [
      'two addresses in Email',
      { payment: 'ch_3QxLumenPaid01', email: 'a@example.com, b@example.com' },
      /list of addresses/,
    ],
    ['a name in Email', { payment: 'ch_3QxLumenPaid01', email: 'Ada <a@example.com>' }, /angle/],
  ])('refuses %s before sending anything', async (_n, input, message) => {
    const { err, sent } = await refusedBeforeSending(() => run(input));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });
});

describe('send_stripe_receipt — a destination charge lives on the platform', () => {
  it('looks on the connected account first, then sets the receipt on the platform where the charge is', async () => {
    const wire: WireRequest[] = [];
    const path = '/v1/charges/ch_3QxLumenPaid01';
    const missing = {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'id',
        message: "No such charge: 'ch_3QxLumenPaid01'",
      },
    };
    stripeReplies(wire, 'get', path, missing, 404, {
      reqheaders: { 'stripe-account': 'acct_1QxSeller' },
    });
    stripeReplies(wire, 'get', path, charge, 200, { badheaders: ['stripe-account'] });
    stripeReplies(wire, 'post', path, charge, 200, { badheaders: ['stripe-account'] });
    const asConnected = operationRunner('creates', 'send_stripe_receipt', false, {
      stripe_account: 'acct_1QxSeller',
    });
    await asConnected({ payment: 'ch_3QxLumenPaid01' });
    expect(wire.map((r) => `${r.method} ${r.account ?? 'no header'}`)).toEqual([
      'GET acct_1QxSeller',
      'GET no header',
      'POST no header',
    ]);
  });
});
