import { planPaymentLink, type PaymentLinkInput } from '../../../lib/links/create';
import { checkMetadata } from '../../../lib/stripe/metadata';
import { priceChoice } from '../../../lib/stripe/prices';
import type Stripe from 'stripe';
import price from '../../fixtures/links/price.json';

const item = { price: 'price_1QxArtPrintA4', quantity: '2' };
const plan = (input: PaymentLinkInput) => planPaymentLink({ line_items: [item], ...input });
const problemOf = (input: PaymentLinkInput) => {
  const result = plan(input);
  return 'problem' in result ? result.problem : null;
};

describe('planPaymentLink', () => {
  it('builds the minimal request: the items and a hosted confirmation', () => {
    expect(plan({})).toMatchObject({
      params: {
        line_items: [{ price: 'price_1QxArtPrintA4', quantity: 2 }],
        after_completion: { type: 'hosted_confirmation' },
      },
      idempotencyKey: undefined,
    });
  });

  it('turns on adjustable quantity when a minimum or maximum is given', () => {
    const result = planPaymentLink({
      line_items: [{ price: 'price_1QxArtPrintA4', adjustable_quantity_maximum: 5 }],
    });
    expect('params' in result && result.params.line_items[0]).toEqual({
      price: 'price_1QxArtPrintA4',
      quantity: 1,
      adjustable_quantity: { enabled: true, maximum: 5 },
    });
  });

  it('implies redirect when only a Redirect URL is given', () => {
    expect(plan({ redirect_url: 'https://shop.example.com/t' })).toMatchObject({
      params: {
        after_completion: {
          type: 'redirect',
          redirect: { url: 'https://shop.example.com/t?session_id={CHECKOUT_SESSION_ID}' },
        },
      },
    });
  });

  it.each<[string, PaymentLinkInput, RegExp]>([
    ['no line items', { line_items: [] }, /Line Items is empty/],
    [
      '21 line items',
      { line_items: Array.from({ length: 21 }, () => item) },
      /at most 20 line items; got 21/,
    ],
    [
      'a product id instead of a price',
      { line_items: [{ price: 'prod_QxArtPrint' }] },
      /Line item: Price "prod_QxArtPrint" is not a valid id/,
    ],
    [
      'a fractional quantity',
      { line_items: [{ ...item, quantity: '2.5' }] },
      /Quantity "2\.5" is not a whole number/,
    ],
    [
      'quantity 0',
      { line_items: [{ ...item, quantity: '0' }] },
      /Quantity must be between 1 and 999999; got 0/,
    ],
    [
      'minimum above maximum',
      { line_items: [{ ...item, adjustable_quantity_minimum: 5, adjustable_quantity_maximum: 3 }] },
      /Minimum Quantity \(5\) is more than Maximum Quantity \(3\)/,
    ],
    [
      'quantity outside its range',
      { line_items: [{ ...item, quantity: 100, adjustable_quantity: 'true' }] },
      /Quantity 100 must be between the minimum \(0\) and maximum \(99\)/,
    ],
    ['the second item bad', { line_items: [item, { price: '' }] }, /Line item 2: Price is empty/],
    ['redirect without URL', { after_completion: 'redirect' }, /Redirect URL is empty/],
    [
      'an http redirect',
      { after_completion: 'redirect', redirect_url: 'http://shop.example.com' },
      /must start with https/,
    ],
    [
      'a URL with hosted confirmation',
      { after_completion: 'hosted_confirmation', redirect_url: 'https://x.example' },
      /Choose "redirect"/,
    ],
    [
      'an unknown after_completion',
      { after_completion: 'thank_you' },
      /"hosted_confirmation" or "redirect"; got "thank_you"/,
    ],
    [
      'a 501-character message',
      { confirmation_message: 'x'.repeat(501) },
      /501 characters; Stripe allows at most 500/,
    ],
    [
      'a metadata key with brackets',
      { metadata: { 'utm[source]': 'x' } },
      /key "utm\[source\]" contains "\[" or "\]"/,
    ],
    [
      'an unknown billing choice',
      { billing_address_collection: 'sometimes' },
      /Billing Address Collection must be one of auto, required/,
    ],
    [
      'a zero session limit',
      { max_completed_sessions: '0' },
      /Maximum Completed Payments must be between 1/,
    ],
  ])('refuses %s', (_name, input, message) => {
    expect(problemOf(input)).toMatch(message);
  });

  it('sends no idempotency key unless the user gives one; a user key plus the link definition make it', () => {
    const key = (input: PaymentLinkInput) => {
      const result = plan(input);
      return 'params' in result ? result.idempotencyKey : result.problem;
    };
    expect(key({ metadata: { campaign: 'a' } })).toBeUndefined();
    expect(key({ idempotency_key: '  ' })).toBeUndefined();
    const order1 = { idempotency_key: 'order-1', metadata: { campaign: 'a' } };
    expect(key(order1)).toMatch(/^zapier-plink-[0-9a-f]{48}$/);
    expect(key(order1)).toBe(key({ ...order1 }));
    expect(key(order1)).not.toBe(key({ ...order1, idempotency_key: 'order-2' }));
    expect(key(order1)).not.toBe(key({ ...order1, metadata: { campaign: 'b' } }));
  });
});

describe('checkMetadata', () => {
  it('trims keys, drops empty ones, stringifies values', () => {
    expect(checkMetadata({ ' campaign ': 'spring', '': 'x', count: 3 })).toEqual({
      metadata: { campaign: 'spring', count: '3' },
    });
  });

  it.each([
    [{ ['k'.repeat(41)]: 'v' }, /41 characters; Stripe allows at most 40/],
    [{ k: 'v'.repeat(501) }, /value for "k" is 501 characters/],
    [
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
      /51 keys; Stripe allows at most 50/,
    ],
    ['campaign=spring', /must be key\/value pairs/],
  ])('refuses %#', (value, message) => {
    const result = checkMetadata(value);
    expect('problem' in result && result.problem).toMatch(message);
  });
});

describe('priceChoice labels', () => {
  const base = price as unknown as Stripe.Price;
  it.each<[string, Partial<Stripe.Price>, string]>([
    ['one-time USD', {}, 'Art print (A4) — 24.00 USD'],
    ['JPY has no decimals', { currency: 'jpy', unit_amount: 2400 }, 'Art print (A4) — 2400 JPY'],
    [
      'monthly with a nickname',
      {
        nickname: 'Monthly',
        recurring: { interval: 'month', interval_count: 1 } as Stripe.Price.Recurring,
      },
      'Art print (A4) · Monthly — 24.00 USD per month',
    ],
    [
      'every 3 months',
      { recurring: { interval: 'month', interval_count: 3 } as Stripe.Price.Recurring },
      'Art print (A4) — 24.00 USD every 3 months',
    ],
    [
      'pay what you want',
      { unit_amount: null, custom_unit_amount: { maximum: null, minimum: 500, preset: null } },
      'Art print (A4) — customer chooses (USD)',
    ],
    ['product not expanded', { product: 'prod_QxArtPrint' }, 'price_1QxArtPrintA4 — 24.00 USD'],
  ])('%s', (_name, patch, label) => {
    expect(priceChoice({ ...base, ...patch } as Stripe.Price).name).toBe(label);
  });
});
