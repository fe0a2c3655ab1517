import nock from 'nock';
import link from '../fixtures/links/payment_link.json';
import price from '../fixtures/links/price.json';
import { makeBundle, operationRunner, refusedBeforeSending, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';

const run = operationRunner('creates', 'create_payment_link');
// The dropdown keeps its page in z.cursor: run it where Zapier's cursor store exists.
const runtime = useRuntime();
const listPrices = () =>
  runtime().run('triggers.price_list.operation.perform', makeBundle({ meta: { page: 0 } }));

/** Runs the action against a mocked Stripe and returns the first line item's price as sent. */
async function sentPrice(input: Record<string, unknown>): Promise<string> {
  let form: Record<string, string> = {};
  nock(STRIPE_API)
    .post('/v1/payment_links')
    .reply((_uri, body) => {
      form = Object.fromEntries(new URLSearchParams(body as string));
      return [200, link];
    });
  await run(input);
  return form['line_items[0][price]'];
}

/** Legacy Plans have ids their owner chose; Stripe lists them among prices and takes them as `price`. */
describe('create_payment_link with legacy Plan ids', () => {
  it.each(['gold-monthly', 'plan_H8n1Abc', 'price_1'])(
    'sends %s as the line item price',
    async (id) => {
      expect(await sentPrice({ line_items: [{ price: id, quantity: 1 }] })).toBe(id);
    },
  );

  it('a plan picked from our own price_list dropdown works in create_payment_link', async () => {
    const plan = { ...price, id: 'gold-monthly', nickname: 'Gold (legacy plan)' };
    nock(STRIPE_API)
      .get('/v1/prices')
      .query(true)
      .reply(200, { object: 'list', data: [plan], has_more: false, url: '/v1/prices' });
    const [choice] = (await listPrices()) as { id: string }[];
    expect(choice.id).toBe('gold-monthly');
    expect(await sentPrice({ line_items: [{ price: choice.id }] })).toBe('gold-monthly');
  });

  it.each([
    ['prod_QxArtPrint', /Product id: choose one of its prices/],
    ['https://dashboard.stripe.com/prices/price_1Qx', /not a valid id/],
    ['gold monthly', /not a valid id/],
    ['x'.repeat(256), /at most 255 characters/],
  ])('refuses %s as a price, sending nothing', async (id, message) => {
    const { err, sent } = await refusedBeforeSending(() =>
      run({ line_items: [{ price: id, quantity: 1 }] }),
    );
    expect(err.message).toMatch(message);
    expect(sent).toEqual([]);
  });
});
