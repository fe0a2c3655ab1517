import nock from 'nock';
import session from '../fixtures/foundation/checkout_session.json';
import customer from '../fixtures/links/customer.json';
import link from '../fixtures/links/payment_link.json';
import price from '../fixtures/links/price.json';
import { checkoutSessionChoice, customerChoice } from '../../lib/stripe/dropdown';
import { priceChoice } from '../../lib/stripe/prices';
import { appTester, caught, makeBundle, STRIPE_API } from '../helpers';
import App from '../../index';

// z.cursor goes to Zapier's servers (appTester has no store for it, and core's test mock keys it
// by the value set): stand in at core's own seam with the per-Zap store Zapier keeps.
const mockCursor: { value: string | null } = { value: null };
jest.mock('zapier-platform-core/src/tools/create-storekey-tool', () => () => ({
  get: async () => mockCursor.value,
  set: async (cursor: string) => {
    mockCursor.value = cursor;
  },
}));

type Choice = { id: string; name: string; active?: boolean };

const list = (url: string, data: object[], hasMore: boolean) => ({
  object: 'list',
  data,
  has_more: hasMore,
  url,
});

/** Loads dropdown pages 0, 1, 2… of a trigger the way "Load more" does, sharing one cursor store. */
function dropdown(trigger: string) {
  mockCursor.value = null;
  const triggers = App.triggers as unknown as Record<
    string,
    { operation: { perform: Parameters<typeof appTester>[0] } }
  >;
  return (page: number) =>
    appTester(
      triggers[trigger].operation.perform,
      makeBundle({ meta: { page, isFillingDynamicDropdown: true } }),
    ) as Promise<Choice[]>;
}

describe('dropdowns page through Stripe (canPaginate), one list page per dropdown page', () => {
  it('price_list: page 0 starts at the newest, page 1 continues after it, the end loads nothing', async () => {
    const older = { ...price, id: 'price_1QxOlder', product: { ...price.product, name: 'Poster' } };
    nock(STRIPE_API)
      .get('/v1/prices')
      .query({ active: 'true', limit: '100', 'expand[0]': 'data.product' })
      .reply(200, list('/v1/prices', [price], true))
      .get('/v1/prices')
      .query({
        active: 'true',
        limit: '100',
        'expand[0]': 'data.product',
        starting_after: price.id,
      })
      .reply(200, list('/v1/prices', [older], false));
    const load = dropdown('price_list');
    expect(await load(0)).toEqual([
      { id: price.id, name: 'Art print (A4) — 24.00 USD', currency: 'usd', recurring: null },
    ]);
    expect((await load(1)).map((c) => c.name)).toEqual(['Poster — 24.00 USD']);
    expect(await load(2)).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it('price_list: a fresh dropdown (page 0) starts over even after a later page', async () => {
    nock(STRIPE_API)
      .get('/v1/prices')
      .query(true)
      .times(2)
      .reply(200, list('/v1/prices', [price], true));
    const load = dropdown('price_list');
    await load(0);
    expect((await load(0)).map((c) => c.id)).toEqual([price.id]);
  });

  it('payment_link_list: active links first within the page, and the next page follows', async () => {
    const inactive = { ...link, id: 'plink_1QxOld', active: false };
    const newer = { ...link, id: 'plink_1QxNew' };
    nock(STRIPE_API)
      .get('/v1/payment_links')
      .query({ limit: '100', 'expand[0]': 'data.line_items' })
      .reply(200, list('/v1/payment_links', [inactive, newer], true))
      .get('/v1/payment_links')
      .query({ limit: '100', 'expand[0]': 'data.line_items', starting_after: newer.id })
      .reply(200, list('/v1/payment_links', [link], false));
    const load = dropdown('payment_link_list');
    expect((await load(0)).map((c) => [c.id, c.active])).toEqual([
      ['plink_1QxNew', true],
      ['plink_1QxOld', false],
    ]);
    expect((await load(1)).map((c) => c.id)).toEqual([link.id]);
  });

  it('payment_link_list: names a link by its first item and URL, and marks inactive ones', async () => {
    const withItem = (id: string, active: boolean, description: string) => ({
      ...link,
      id,
      active,
      url: `https://buy.stripe.com/test_${id.slice(-4)}`,
      line_items: {
        object: 'list',
        data: [{ id: 'li_1', object: 'item', description }],
        has_more: false,
        url: '',
      },
    });
    nock(STRIPE_API)
      .get('/v1/payment_links')
      .query(true)
      .reply(
        200,
        list(
          '/v1/payment_links',
          [
            withItem('plink_1Old', false, 'Old poster'),
            withItem('plink_1New', true, 'Art print (A4)'),
          ],
          false,
        ),
      );
    expect((await dropdown('payment_link_list')(0)).map((c) => c.name)).toEqual([
      'Art print (A4) — https://buy.stripe.com/test_1New',
      'Old poster — https://buy.stripe.com/test_1Old (inactive)',
    ]);
  });

  it('says plainly when the key may not list links', async () => {
    nock(STRIPE_API)
      .get('/v1/payment_links')
      .query(true)
      .reply(403, {
        error: {
          type: 'invalid_request_error',
          message:
            'The provided key does not have the required permissions (rak_payment_link_read).',
        },
      });
    expect((await caught(() => dropdown('payment_link_list')(0))).message).toMatch(
      /lacks a permission/,
    );
  });

  it('checkout_session_list: completed sessions, labelled with who paid, how much and when', async () => {
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query({ status: 'complete', limit: '100' })
      .reply(200, list('/v1/checkout/sessions', [session], false));
    expect(await dropdown('checkout_session_list')(0)).toEqual([
      { id: session.id, name: 'Ada Lovelace · ada@example.com — 48.60 USD — 2025-11-22' },
    ]);
  });

  it('customer_list: customers by name and email', async () => {
    nock(STRIPE_API)
      .get('/v1/customers')
      .query({ limit: '100' })
      .reply(200, list('/v1/customers', [customer], false));
    expect(await dropdown('customer_list')(0)).toEqual([
      { id: 'cus_QxLumen01', name: 'Ana Lima · ana@example.com', email: 'ana@example.com' },
    ]);
  });

  it('a rejected key in a dropdown asks to reconnect, like every Stripe call', async () => {
    nock(STRIPE_API)
      .get('/v1/customers')
      .query(true)
      .reply(401, {
        error: { message: 'Invalid API Key provided', type: 'invalid_request_error' },
      });
    expect((await caught(() => dropdown('customer_list')(0))).name).toBe('ExpiredAuthError');
  });
});

describe('dropdown labels', () => {
  it('labels a price with its product, amount and billing interval', () => {
    const monthly = {
      ...price,
      currency: 'eur',
      unit_amount: 1200,
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      product: { ...price.product, name: 'Pro plan' },
    } as unknown as Parameters<typeof priceChoice>[0];
    expect(priceChoice(monthly)).toMatchObject({
      name: 'Pro plan — 12.00 EUR per month',
      currency: 'eur',
      recurring: 'per month',
    });
  });

  const base = session as unknown as Parameters<typeof checkoutSessionChoice>[0];

  it('shows a zero-decimal amount as the customer paid it', () => {
    const yen = { ...base, amount_total: 1200, currency: 'jpy' };
    expect(checkoutSessionChoice(yen).name).toBe(
      'Ada Lovelace · ada@example.com — 1200 JPY — 2025-11-22',
    );
  });

  it('falls back to your reference when Stripe has no customer details', () => {
    const bare = { ...base, customer_details: null };
    expect(checkoutSessionChoice(bare).name).toMatch(/^order-1042 — 48\.60 USD/);
  });

  it('names a customer without name or email by id', () => {
    const anonymous = { ...customer, name: null, email: null } as unknown as Parameters<
      typeof customerChoice
    >[0];
    expect(customerChoice(anonymous)).toEqual({
      id: 'cus_QxLumen01',
      name: 'cus_QxLumen01',
      email: null,
    });
  });
});
