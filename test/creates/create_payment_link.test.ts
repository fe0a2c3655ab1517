import nock from 'nock';
import link from '../fixtures/links/payment_link.json';
import createPaymentLink from '../../creates/create_payment_link';
import { STRIPE_API, caught, operationRunner, refusedBeforeSending } from '../helpers';

const run = operationRunner('creates', 'create_payment_link');
type Sent = { raw: string; form: Record<string, string>; key: string };

function createLink(sent: Sent[], reply: object = link, status = 200) {
  return nock(STRIPE_API)
    .post('/v1/payment_links', () => true)
    .reply(function (_uri, body) {
      const raw = body as string;
      sent.push({
        raw,
        form: Object.fromEntries(new URLSearchParams(raw)),
        key: this.req.headers['idempotency-key'] as string,
      });
      return [status, reply];
    });
}

describe('create_payment_link', () => {
  it('sends line items, a redirect with the placeholder intact, metadata and options', async () => {
    const sent: Sent[] = [];
    createLink(sent);
    const out = await run({
      line_items: [
        {
          price: 'price_1QxArtPrintA4',
          quantity: 2,
          adjustable_quantity: true,
          adjustable_quantity_maximum: 10,
        },
        { price: 'price_1QxFrameBlack', quantity: '1' },
      ],
      after_completion: 'redirect',
      redirect_url: 'https://shop.example.com/thanks?ref=spring',
      add_session_id: 'true',
      invoice_creation: 'true',
      allow_promotion_codes: true,
      phone_number_collection: 'yes',
      billing_address_collection: 'required',
      customer_creation: 'always',
      metadata: { campaign: 'spring-sale', channel: 'newsletter' },
      max_completed_sessions: '50',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0].form).toEqual({
      'line_items[0][price]': 'price_1QxArtPrintA4',
      'line_items[0][quantity]': '2',
      'line_items[0][adjustable_quantity][enabled]': 'true',
      'line_items[0][adjustable_quantity][maximum]': '10',
      'line_items[1][price]': 'price_1QxFrameBlack',
      'line_items[1][quantity]': '1',
      'after_completion[type]': 'redirect',
      'after_completion[redirect][url]':
        'https://shop.example.com/thanks?ref=spring&session_id={CHECKOUT_SESSION_ID}',
      allow_promotion_codes: 'true',
      'invoice_creation[enabled]': 'true',
      customer_creation: 'always',
      'phone_number_collection[enabled]': 'true',
      billing_address_collection: 'required',
      'metadata[campaign]': 'spring-sale',
      'metadata[channel]': 'newsletter',
      'restrictions[completed_sessions][limit]': '50',
    });
    // On the wire the braces are form-encoded once; Stripe decodes them back to the placeholder.
    expect(sent[0].raw).toContain('session_id%3D%7BCHECKOUT_SESSION_ID%7D');
    expect(out).toEqual({
      id: 'plink_1QxSpringSale',
      url: 'https://buy.stripe.com/test_9AQ5kQ',
      active: true,
      livemode: false,
      after_completion: 'redirect',
      redirect_url: 'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
      confirmation_message: null,
      metadata: { campaign: 'spring-sale' },
      max_completed_sessions: null,
    });
  });

  it('sends a hosted confirmation with its message, and no session id option applies', async () => {
    const sent: Sent[] = [];
    createLink(sent, {
      ...link,
      after_completion: {
        type: 'hosted_confirmation',
        hosted_confirmation: { custom_message: 'Thanks! Check your inbox.' },
      },
    });
    const out = await run({
      line_items: [{ price: 'price_1QxArtPrintA4' }],
      confirmation_message: 'Thanks! Check your inbox.',
    });
    expect(sent[0].form).toEqual({
      'line_items[0][price]': 'price_1QxArtPrintA4',
      'line_items[0][quantity]': '1',
      'after_completion[type]': 'hosted_confirmation',
      'after_completion[hosted_confirmation][custom_message]': 'Thanks! Check your inbox.',
    });
    expect(out).toMatchObject({
      after_completion: 'hosted_confirmation',
      confirmation_message: 'Thanks! Check your inbox.',
      redirect_url: null,
    });
  });

  it('keeps a redirect URL that already has the placeholder, and adds none when the option is off', async () => {
    const sent: Sent[] = [];
    createLink(sent);
    createLink(sent);
    await run({
      line_items: [{ price: 'price_1QxArtPrintA4' }],
      redirect_url: 'https://x.example/t?cs={CHECKOUT_SESSION_ID}',
    });
    await run({
      line_items: [{ price: 'price_1QxArtPrintA4' }],
      redirect_url: 'https://x.example/t',
      add_session_id: 'false',
    });
    expect(sent.map((s) => s.form['after_completion[redirect][url]'])).toEqual([
      'https://x.example/t?cs={CHECKOUT_SESSION_ID}',
      'https://x.example/t',
    ]);
  });

  it('two runs asking for identical links send no key of ours, so Stripe makes two links', async () => {
    const sent: Sent[] = [];
    createLink(sent, { ...link, id: 'plink_1QxSingleUse01' });
    createLink(sent, { ...link, id: 'plink_1QxSingleUse02' });
    const input = {
      line_items: [{ price: 'price_1QxArtPrintA4' }],
      max_completed_sessions: 1,
    };
    const first = (await run(input)) as { id: string };
    const second = (await run(input)) as { id: string };
    // Only the SDK's own per-request key (it covers its network retries), never one from the content.
    expect(sent.map((s) => s.key)).toEqual([
      expect.stringMatching(/^stripe-node-retry-/),
      expect.stringMatching(/^stripe-node-retry-/),
    ]);
    expect(sent[0].key).not.toBe(sent[1].key);
    expect([first.id, second.id]).toEqual(['plink_1QxSingleUse01', 'plink_1QxSingleUse02']);
  });

  it('a replay with the same user key sends the same idempotency key (Stripe returns the first link); another key, another', async () => {
    const sent: Sent[] = [];
    createLink(sent);
    createLink(sent);
    createLink(sent);
    const input = { line_items: [{ price: 'price_1QxArtPrintA4' }], idempotency_key: 'order-1042' };
    await run(input);
    await run(input);
    await run({ ...input, idempotency_key: 'order-1043' });
    expect(sent[0].key).toMatch(/^zapier-plink-[0-9a-f]{48}$/);
    expect(sent[1].key).toBe(sent[0].key);
    expect(sent[2].key).not.toBe(sent[0].key);
  });

  it('a Redirect URL with no After Payment choice redirects, and the field has no default that would hide it', async () => {
    const sent: Sent[] = [];
    createLink(sent);
    await run({
      line_items: [{ price: 'price_1QxArtPrintA4' }],
      redirect_url: 'https://shop.example.com/thanks',
    });
    expect(sent[0].form['after_completion[type]']).toBe('redirect');
    const field = (createPaymentLink.operation.inputFields ?? []).find(
      (f) => 'key' in f && f.key === 'after_completion',
    );
    expect(field).toBeDefined();
    expect(field && 'default' in field ? field.default : undefined).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no line items', {}, /Line Items is empty/],
    [
      'a pasted product id',
      { line_items: [{ price: 'prod_QxArtPrint' }] },
      /Price "prod_QxArtPrint" is not a valid id/,
    ],
    [
      'a secret key pasted as price',
      { line_items: [{ price: 'sk_test_51Nabcdefghijklmnop' }] },
      /Price "\[redacted\]" is not a valid id/,
    ],
    [
      'quantity "two"',
      { line_items: [{ price: 'price_1QxArtPrintA4', quantity: 'two' }] },
      /Quantity "two" is not a whole number/,
    ],
    [
      'an http redirect',
      { line_items: [{ price: 'price_1QxArtPrintA4' }], redirect_url: 'http://shop.example.com' },
      /must start with https/,
    ],
    [
      'a confirmation message with a Redirect URL (no choice made)',
      {
        line_items: [{ price: 'price_1QxArtPrintA4' }],
        redirect_url: 'https://shop.example.com/thanks',
        confirmation_message: 'Thanks!',
      },
      /Confirmation Message was given but customers are redirected/,
    ],
    [
      'a confirmation message with redirect chosen',
      {
        line_items: [{ price: 'price_1QxArtPrintA4' }],
        after_completion: 'redirect',
        redirect_url: 'https://shop.example.com/thanks',
        confirmation_message: 'Thanks!',
      },
      /Clear one of the two/,
    ],
    [
      'a Redirect URL with the confirmation page chosen',
      {
        line_items: [{ price: 'price_1QxArtPrintA4' }],
        after_completion: 'hosted_confirmation',
        redirect_url: 'https://shop.example.com/thanks',
      },
      /Redirect URL was given but After Payment is "hosted_confirmation"/,
    ],
    [
      'metadata with 51 keys',
      {
        line_items: [{ price: 'price_1QxArtPrintA4' }],
        metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
      },
      /at most 50/,
    ],
  ])('refuses %s with a clear message and sends nothing', async (_name, inputData, message) => {
    const { err, sent } = await refusedBeforeSending(() => run(inputData));
    expect(err).toMatchObject({
      name: 'AppError',
      code: 'invalid_input',
      message: expect.stringMatching(message),
    });
    expect(err.message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });

  it("passes Stripe's refusal on in plain words (invoice creation with a recurring price)", async () => {
    const sent: Sent[] = [];
    createLink(
      sent,
      {
        error: {
          type: 'invalid_request_error',
          param: 'invoice_creation',
          message: 'You can only enable invoice creation when `mode` is set to `payment`.',
        },
      },
      400,
    );
    const err = await caught(() =>
      run({ line_items: [{ price: 'price_1QxMonthlyPlan' }], invoice_creation: true }),
    );
    expect(err.message).toMatch(/^Stripe: You can only enable invoice creation/);
  });
});

describe('create_payment_link: uncleaned input (cleanInputData: false: cleaning would shift line items)', () => {
  it('takes every empty optional field as unset, as Zapier sends them when it does not clean', async () => {
    const sent: Sent[] = [];
    createLink(sent);
    await run({
      line_items: [{ price: 'price_1QxArtPrintA4', quantity: '', adjustable_quantity: '' }],
      after_completion: '',
      confirmation_message: '',
      redirect_url: '',
      allow_promotion_codes: '',
      invoice_creation: '',
      customer_creation: '',
      phone_number_collection: '',
      billing_address_collection: '',
      metadata: {},
      max_completed_sessions: '',
      idempotency_key: '',
    });
    expect(sent[0].form).toEqual({
      'line_items[0][price]': 'price_1QxArtPrintA4',
      'line_items[0][quantity]': '1',
      'after_completion[type]': 'hosted_confirmation',
    });
  });

  it('names the line item whose price was left empty instead of shifting the others up', async () => {
    const { err, sent } = await refusedBeforeSending(() =>
      run({
        line_items: [
          { price: 'price_1QxArtPrintA4', quantity: '1' },
          { price: '', quantity: '2' },
        ],
      }),
    );
    expect(err.message).toMatch(/^Line item 2: Price/);
    expect(sent).toEqual([]);
  });
});
