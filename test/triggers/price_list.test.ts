import nock from 'nock';
import App from '../../index';
import price from '../fixtures/links/price.json';
import { appTester, makeBundle, STRIPE_API } from '../helpers';

const perform = (
  App.triggers.price_list.operation as unknown as Record<string, Parameters<typeof appTester>[0]>
).perform;

describe('price_list', () => {
  it('lists active prices with their product expanded, in one call per 100, labelled for a person', async () => {
    const monthly = {
      ...price,
      id: 'price_1QxProMonthly',
      currency: 'eur',
      unit_amount: 1200,
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      product: { ...price.product, name: 'Pro plan' },
    };
    nock(STRIPE_API)
      .get('/v1/prices')
      .query({ active: 'true', limit: '100', 'expand[0]': 'data.product' })
      .reply(200, { object: 'list', data: [price, monthly], has_more: false, url: '/v1/prices' });
    const out = await appTester(perform, makeBundle());
    expect(out).toEqual([
      {
        id: 'price_1QxArtPrintA4',
        name: 'Art print (A4) — 24.00 USD',
        currency: 'usd',
        recurring: null,
      },
      {
        id: 'price_1QxProMonthly',
        name: 'Pro plan — 12.00 EUR per month',
        currency: 'eur',
        recurring: 'per month',
      },
    ]);
  });
});
