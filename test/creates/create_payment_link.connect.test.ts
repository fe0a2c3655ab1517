import link from '../fixtures/links/payment_link.json';
import price from '../fixtures/links/price.json';
import { operationRunner, refusedBeforeSending } from '../helpers';
import { stripeReplies, type WireRequest } from './stripe-wire';

const CONNECTED = 'acct_1QxSellerDirect';
const DESTINATION = 'acct_1QxSellerDest';
const monthly = {
  ...price,
  id: 'price_1QxMonthlyPlan',
  type: 'recurring',
  recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed', meter: null },
};
const yen = { ...price, id: 'price_1QxYenPrint', currency: 'jpy', unit_amount: 3000 };

function stripeWith(wire: WireRequest[], prices: object[] = [price]) {
  for (const p of prices) stripeReplies(wire, 'get', `/v1/prices/${(p as { id: string }).id}`, p);
  stripeReplies(wire, 'post', '/v1/payment_links', link);
}

const asConnected = operationRunner('creates', 'create_payment_link', false, {
  stripe_account: CONNECTED,
});
const asPlatform = operationRunner('creates', 'create_payment_link');
const items = [{ price: 'price_1QxArtPrintA4', quantity: 2 }];

describe('create_payment_link — Connect on the wire', () => {
  it('direct charge: the price lookup and the link both carry the connection’s Stripe-Account header, the fee in minor units', async () => {
    const wire: WireRequest[] = [];
    stripeWith(wire);
    await asConnected({ line_items: items, application_fee_amount: '2.50' });
    expect(wire.map((r) => `${r.method} ${r.path} ${r.account}`)).toEqual([
      `GET /v1/prices/price_1QxArtPrintA4 ${CONNECTED}`,
      `POST /v1/payment_links ${CONNECTED}`,
    ]);
    expect(wire[1].form).toMatchObject({ application_fee_amount: '250' });
    expect(wire[1].form).not.toHaveProperty('transfer_data[destination]');
  });

  it('destination charge: made on the platform WITHOUT the header even though the connection has an account', async () => {
    const wire: WireRequest[] = [];
    stripeWith(wire);
    await asConnected({
      line_items: items,
      transfer_destination: DESTINATION,
      transfer_amount: '40.00',
      application_fee_amount: '2.50',
      on_behalf_of: DESTINATION,
    });
    expect(wire.map((r) => `${r.method} ${r.path} ${r.account ?? 'no header'}`)).toEqual([
      'GET /v1/prices/price_1QxArtPrintA4 no header',
      'POST /v1/payment_links no header',
    ]);
    expect(wire[1].form).toMatchObject({
      'transfer_data[destination]': DESTINATION,
      'transfer_data[amount]': '4000',
      application_fee_amount: '250',
      on_behalf_of: DESTINATION,
    });
  });

  it('destination charge without amounts needs no price lookup: one call, no header', async () => {
    const wire: WireRequest[] = [];
    stripeWith(wire);
    await asConnected({ line_items: items, transfer_destination: DESTINATION });
    expect(wire.map((r) => `${r.method} ${r.path} ${r.account ?? 'no header'}`)).toEqual([
      'POST /v1/payment_links no header',
    ]);
    expect(wire[0].form['transfer_data[destination]']).toBe(DESTINATION);
  });

  it('does not judge a fee against a total the customer can still change (adjustable quantity)', async () => {
    const wire: WireRequest[] = [];
    stripeWith(wire);
    await asConnected({
      line_items: [{ ...items[0], adjustable_quantity: true, adjustable_quantity_maximum: 10 }],
      application_fee_amount: '48',
    });
    expect(wire[1].form.application_fee_amount).toBe('4800');
  });

  it('sends a fee percent for a subscription link (a trailing % is read as meant)', async () => {
    const wire: WireRequest[] = [];
    stripeWith(wire, [monthly]);
    await asConnected({
      line_items: [{ price: 'price_1QxMonthlyPlan' }],
      application_fee_percent: '12.5%',
    });
    expect(wire[1].form.application_fee_percent).toBe('12.5');
  });

  it('reads the fee amount in the price’s currency (JPY has no decimals)', async () => {
    const yenWire: WireRequest[] = [];
    stripeWith(yenWire, [yen]);
    await asConnected({
      line_items: [{ price: 'price_1QxYenPrint' }],
      application_fee_amount: '300',
    });
    expect(yenWire[1].form.application_fee_amount).toBe('300');
  });

  it.each<[string, object, Record<string, unknown>, RegExp]>([
    [
      'a fee amount with a recurring price',
      monthly,
      { line_items: [{ price: 'price_1QxMonthlyPlan' }], application_fee_amount: '2.50' },
      /only with one-time prices; price_1QxMonthlyPlan is recurring/,
    ],
    [
      'a fee percent with a one-time price',
      price,
      { line_items: items, application_fee_percent: '10' },
      /only with recurring prices/,
    ],
    [
      'a fee as large as the payment (2 × 24.00)',
      price,
      { line_items: items, application_fee_amount: '48' },
      /Application Fee Amount \(48 USD\) must be less than the payment \(48\.00 USD\)/,
    ],
    [
      'a fee with decimals in JPY',
      yen,
      { line_items: [{ price: 'price_1QxYenPrint' }], application_fee_amount: '2.5' },
      /Application Fee Amount: JPY has no minor unit/,
    ],
  ])('refuses %s: the price is read, no link is created', async (_n, p, input, message) => {
    const wire: WireRequest[] = [];
    stripeWith(wire, [p]);
    const { err } = await refusedBeforeSending(() => asConnected(input));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(wire.map((r) => r.method)).toEqual(['GET']);
  });

  it.each<[string, ReturnType<typeof operationRunner>, Record<string, unknown>, RegExp]>([
    [
      'both a fee amount and a fee percent',
      asConnected,
      { application_fee_amount: '1', application_fee_percent: '5' },
      /either Application Fee Amount .* or Application Fee Percent/,
    ],
    [
      'a fee without any connected account',
      asPlatform,
      { application_fee_amount: '1' },
      /An application fee needs Connect/,
    ],
    [
      'a transfer amount without a destination',
      asConnected,
      { transfer_amount: '5' },
      /Transfer Amount needs a Transfer Destination/,
    ],
    [
      'a customer id as destination',
      asConnected,
      { transfer_destination: 'cus_QxLumen01' },
      /Transfer Destination "cus_QxLumen01" is not a Stripe account ID/,
    ],
    [
      'On Behalf Of on a direct charge',
      asConnected,
      { on_behalf_of: DESTINATION },
      /On Behalf Of is for charges made on your platform/,
    ],
    ['a fee with a currency sign', asConnected, { application_fee_amount: '$2' }, /not an amount/],
    ['a fee percent of 150', asConnected, { application_fee_percent: '150' }, /at most 100/],
  ])('refuses %s before sending anything', async (_n, run, input, message) => {
    const { err, sent } = await refusedBeforeSending(() => run({ line_items: items, ...input }));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(err.message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });
});

describe('create_payment_link — link settings on the wire', () => {
  it('sends shipping countries, tax, custom fields, button, trial, inactive message and terms consent', async () => {
    const wire: WireRequest[] = [];
    stripeWith(wire);
    await asPlatform({
      line_items: items,
      shipping_countries: ['us', 'GB, de'],
      automatic_tax: 'true',
      tax_id_collection: true,
      custom_fields: [
        { label: 'Engraving text', type: 'text', optional: 'true' },
        { label: 'Size', type: 'dropdown', options: 'Small, Medium, Large' },
      ],
      submit_type: 'book',
      trial_period_days: '14',
      inactive_message: 'Sold out — see you next season.',
      require_terms_consent: 'yes',
    });
    expect(wire[0].form).toMatchObject({
      'shipping_address_collection[allowed_countries][0]': 'US',
      'shipping_address_collection[allowed_countries][1]': 'GB',
      'shipping_address_collection[allowed_countries][2]': 'DE',
      'automatic_tax[enabled]': 'true',
      'tax_id_collection[enabled]': 'true',
      'custom_fields[0][key]': 'Engravingtext',
      'custom_fields[0][label][type]': 'custom',
      'custom_fields[0][label][custom]': 'Engraving text',
      'custom_fields[0][type]': 'text',
      'custom_fields[0][optional]': 'true',
      'custom_fields[1][key]': 'Size',
      'custom_fields[1][type]': 'dropdown',
      'custom_fields[1][dropdown][options][0][label]': 'Small',
      'custom_fields[1][dropdown][options][0][value]': 'Small',
      'custom_fields[1][dropdown][options][2][value]': 'Large',
      submit_type: 'book',
      'subscription_data[trial_period_days]': '14',
      inactive_message: 'Sold out — see you next season.',
      'consent_collection[terms_of_service]': 'required',
    });
    expect(wire[0].account).toBeUndefined();
  });

  it('leaves every setting out when not given', async () => {
    const wire: WireRequest[] = [];
    stripeWith(wire);
    await asPlatform({ line_items: items, automatic_tax: 'false', custom_fields: [{}] });
    expect(Object.keys(wire[0].form).sort()).toEqual([
      'after_completion[type]',
      'line_items[0][price]',
      'line_items[0][quantity]',
    ]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['UK as a country', { shipping_countries: 'US, UK' }, /"UK" is not .* Did you mean GB\?/],
    [
      'four custom fields',
      { custom_fields: [1, 2, 3, 4].map((n) => ({ label: `Q${n}` })) },
      /4 fields given; Stripe allows at most 3/,
    ],
    [
      'a dropdown without options',
      { custom_fields: [{ label: 'Size', type: 'dropdown' }] },
      /a dropdown needs Options/,
    ],
    [
      'options on a text field',
      { custom_fields: [{ label: 'Size', type: 'text', options: 'S, M' }] },
      /Options apply only to dropdown fields/,
    ],
    ['a custom field without label', { custom_fields: [{ type: 'numeric' }] }, /Label is empty/],
    ['submit type "buy"', { submit_type: 'buy' }, /Submit Button must be one of auto, pay/],
    ['a trial of 0 days', { trial_period_days: '0' }, /between 1 and 730/],
    ['a 501-character inactive message', { inactive_message: 'x'.repeat(501) }, /at most 500/],
  ])('refuses %s before sending anything', async (_n, input, message) => {
    const { err, sent } = await refusedBeforeSending(() =>
      asPlatform({ line_items: items, ...input }),
    );
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });
});
