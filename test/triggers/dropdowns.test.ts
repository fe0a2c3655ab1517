import nock from 'nock';
import session from '../fixtures/foundation/checkout_session.json';
import customer from '../fixtures/links/customer.json';
import link from '../fixtures/links/payment_link.json';
import price from '../fixtures/links/price.json';
import subscription from '../fixtures/links/subscription.json';
import portalConfiguration from '../fixtures/links/portal_configuration.json';
import account from '../fixtures/foundation/account.json';
import { checkoutSessionChoice, customerChoice } from '../../lib/stripe/dropdown';
import { priceChoice } from '../../lib/stripe/prices';
import { subscriptionChoice } from '../../lib/stripe/subscriptions';
import { caught, makeBundle, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';

// z.cursor lives in Zapier's per-Zap store: the runtime stand-in keeps it by store key.
const runtime = useRuntime();

type Choice = { id: string; name: string; active?: boolean };

const list = (url: string, data: object[], hasMore: boolean) => ({
  object: 'list',
  data,
  has_more: hasMore,
  url,
});

let loads = 0;

/**
 * Loads dropdown pages 0, 1, 2… of a trigger the way "Load more" does, sharing one cursor store;
 * `inputData` is what the step's other fields hold (Zapier hands them to the dropdown).
 */
function dropdown(
  trigger: string,
  inputData: Record<string, unknown> = {},
  authData: Record<string, string> = {},
) {
  const storeKey = `zap-1:${trigger}:${(loads += 1)}`;
  return (page: number) =>
    runtime().run<Choice[]>(
      `triggers.${trigger}.operation.perform`,
      makeBundle({ inputData, authData, meta: { page, isFillingDynamicDropdown: true } }),
      { storeKey },
    );
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

const CONNECTED = 'acct_1QxConnected42';
/** A product as `GET /v1/products` answers it. */
const proPlan = {
  id: 'prod_QxProPlan',
  object: 'product',
  active: true,
  created: 1763800000,
  default_price: null,
  description: null,
  images: [],
  livemode: false,
  marketing_features: [],
  metadata: {},
  name: 'Pro plan',
  package_dimensions: null,
  shippable: null,
  statement_descriptor: null,
  tax_code: null,
  unit_label: null,
  updated: 1763800000,
  url: null,
};

describe("the portal's Subscription dropdown", () => {
  const older = { ...subscription, id: 'sub_1QxLumenOld02', status: 'past_due' };

  it("lists the chosen customer's open subscriptions a page at a time, named by plan, price and status", async () => {
    nock(STRIPE_API)
      .get('/v1/subscriptions')
      .query({ customer: 'cus_QxLumen01', limit: '100' })
      .reply(200, list('/v1/subscriptions', [subscription], true))
      .get('/v1/products')
      .query({ 'ids[0]': 'prod_QxProPlan', limit: '100' })
      .times(2)
      .reply(200, list('/v1/products', [proPlan], false))
      .get('/v1/subscriptions')
      .query({ customer: 'cus_QxLumen01', limit: '100', starting_after: subscription.id })
      .reply(200, list('/v1/subscriptions', [older], false));
    const load = dropdown('subscription_list', { customer: 'cus_QxLumen01' });
    expect(await load(0)).toEqual([
      {
        id: subscription.id,
        name: 'Pro plan · 20.00 USD/month · active · sub_1QxLumenPro01',
        status: 'active',
        customer: 'cus_QxLumen01',
      },
    ]);
    expect((await load(1)).map((c) => c.name)).toEqual([
      'Pro plan · 20.00 USD/month · past_due · sub_1QxLumenOld02',
    ]);
    expect(await load(2)).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it('finds the customer by the email the step holds, on the connected account', async () => {
    nock(STRIPE_API, { reqheaders: { 'stripe-account': CONNECTED } })
      .get('/v1/customers')
      .query({ email: 'ana@example.com', limit: '100' })
      .reply(200, list('/v1/customers', [customer], false))
      .get('/v1/subscriptions')
      .query({ customer: 'cus_QxLumen01', limit: '100' })
      .reply(200, list('/v1/subscriptions', [subscription], false))
      .get('/v1/products')
      .query(true)
      .reply(200, list('/v1/products', [proPlan], false));
    const load = dropdown(
      'subscription_list',
      { customer: 'ana@example.com' },
      { stripe_account: CONNECTED },
    );
    expect((await load(0)).map((c) => c.id)).toEqual([subscription.id]);
    expect(nock.isDone()).toBe(true);
  });

  it('an email no customer has lists nothing (and asks Stripe for no subscriptions)', async () => {
    nock(STRIPE_API)
      .get('/v1/customers')
      .query(true)
      .reply(200, list('/v1/customers', [], false));
    expect(await dropdown('subscription_list', { customer: 'nobody@example.com' })(0)).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it('with no customer chosen yet, lists every customer and names each', async () => {
    nock(STRIPE_API)
      .get('/v1/subscriptions')
      .query({ limit: '100', 'expand[0]': 'data.customer' })
      .reply(200, list('/v1/subscriptions', [{ ...subscription, customer }], false))
      .get('/v1/products')
      .query(true)
      .reply(200, list('/v1/products', [proPlan], false));
    expect((await dropdown('subscription_list', { customer: '{{123__customer}}' })(0))[0]).toEqual({
      id: subscription.id,
      name: 'Pro plan · 20.00 USD/month · active · ana@example.com · sub_1QxLumenPro01',
      status: 'active',
      customer: 'cus_QxLumen01',
    });
  });

  it('without Products read, labels fall back to the price nickname', async () => {
    nock(STRIPE_API)
      .get('/v1/subscriptions')
      .query(true)
      .reply(200, list('/v1/subscriptions', [subscription], false))
      .get('/v1/products')
      .query(true)
      .reply(403, {
        error: {
          type: 'invalid_request_error',
          message: 'The provided key does not have the required permissions (rak_product_read).',
        },
      });
    expect(
      (await dropdown('subscription_list', { customer: 'cus_QxLumen01' })(0)).map((c) => c.name),
    ).toEqual(['Monthly · 20.00 USD/month · active · sub_1QxLumenPro01']);
  });
});

describe("the portal's Configuration dropdown", () => {
  it('lists active configurations by name, marks the default, and pages', async () => {
    const brand = {
      ...portalConfiguration,
      id: 'bpc_1QxBrandB',
      is_default: false,
      name: null,
      business_profile: { ...portalConfiguration.business_profile, headline: 'Brand B billing' },
    };
    nock(STRIPE_API)
      .get('/v1/billing_portal/configurations')
      .query({ active: 'true', limit: '100' })
      .reply(200, list('/v1/billing_portal/configurations', [portalConfiguration], true))
      .get('/v1/billing_portal/configurations')
      .query({ active: 'true', limit: '100', starting_after: portalConfiguration.id })
      .reply(200, list('/v1/billing_portal/configurations', [brand], false));
    const load = dropdown('portal_configuration_list');
    expect(await load(0)).toEqual([
      {
        id: 'bpc_1QxPortalConfig',
        name: 'Lumen Prints portal · default · bpc_1QxPortalConfig',
        is_default: true,
      },
    ]);
    expect((await load(1)).map((c) => c.name)).toEqual(['Brand B billing · bpc_1QxBrandB']);
    expect(await load(2)).toEqual([]);
  });

  it("on Connect, lists the connected account's configurations", async () => {
    nock(STRIPE_API, { reqheaders: { 'stripe-account': CONNECTED } })
      .get('/v1/billing_portal/configurations')
      .query(true)
      .reply(200, list('/v1/billing_portal/configurations', [portalConfiguration], false));
    const load = dropdown('portal_configuration_list', {}, { stripe_account: CONNECTED });
    expect((await load(0)).map((c) => c.id)).toEqual(['bpc_1QxPortalConfig']);
  });
});

describe('the connected-account dropdowns (On Behalf Of, Transfer Destination)', () => {
  const partner = {
    ...account,
    id: 'acct_1QxPartner01',
    email: 'studio@example.com',
    business_profile: { ...account.business_profile, name: 'Partner Studio' },
  };
  const pending = {
    ...partner,
    id: 'acct_1QxPartner02',
    charges_enabled: false,
    business_profile: { ...partner.business_profile, name: null },
    settings: {
      ...partner.settings,
      dashboard: { ...partner.settings.dashboard, display_name: 'Pending Prints' },
    },
  };

  it("lists the platform's accounts a page at a time, even when the connection acts for one", async () => {
    nock(STRIPE_API, { badheaders: ['stripe-account'] })
      .get('/v1/accounts')
      .query({ limit: '100' })
      .reply(200, list('/v1/accounts', [partner], true))
      .get('/v1/accounts')
      .query({ limit: '100', starting_after: partner.id })
      .reply(200, list('/v1/accounts', [pending], false));
    const load = dropdown('connected_account_list', {}, { stripe_account: CONNECTED });
    expect(await load(0)).toEqual([
      {
        id: 'acct_1QxPartner01',
        name: 'Partner Studio · studio@example.com · US · acct_1QxPartner01',
        country: 'US',
        charges_enabled: true,
      },
    ]);
    expect((await load(1)).map((c) => c.name)).toEqual([
      'Pending Prints · studio@example.com · US · charges not enabled · acct_1QxPartner02',
    ]);
    expect(await load(2)).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it.each([
    [
      'a key that is not a Connect platform',
      'Only Stripe Connect platforms can work with other accounts. If you need to setup a Stripe Connect platform, you can do so at https://dashboard.stripe.com/account/applications/settings.',
      /^This Stripe key cannot list connected accounts: only a Connect platform's key can\. Type or paste the connected account's ID \(acct_…\)/,
    ],
    [
      'a restricted key without the permission',
      "The provided key 'rk_test_***' does not have the required permissions for this endpoint. Having the 'rak_connected_account_read' permission would allow this request to continue.",
      /lacks Connect → Accounts: read \(rak_connected_account_read\)\. Add it to the key, or type or paste/,
    ],
  ])(
    'when Stripe refuses (%s), the dropdown says what to type instead',
    async (_case, message, said) => {
      nock(STRIPE_API)
        .get('/v1/accounts')
        .query(true)
        .reply(403, { error: { type: 'invalid_request_error', message } });
      const err = await caught(() => dropdown('connected_account_list')(0));
      expect(err.message).toMatch(said);
      expect(err.message).not.toMatch(/https?:/);
    },
  );
});

describe('dropdown labels', () => {
  it('labels a subscription by quantity, extra items, interval and a coming cancellation', () => {
    const base = subscription as unknown as Parameters<typeof subscriptionChoice>[0];
    const [item] = base.items.data;
    const team = {
      ...item,
      quantity: 3,
      price: {
        ...item.price,
        product: { ...proPlan, name: 'Team plan' },
        unit_amount: 9000,
        recurring: { ...item.price.recurring!, interval: 'month' as const, interval_count: 3 },
      },
    } as unknown as typeof item;
    const labelled = subscriptionChoice({
      ...base,
      cancel_at: Date.UTC(2026, 11, 1) / 1000,
      items: { ...base.items, data: [team, item] },
    });
    expect(labelled.name).toBe(
      'Team plan × 3 + 1 more · 90.00 USD every 3 months · active, cancels 2026-12-01 · sub_1QxLumenPro01',
    );
  });

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
