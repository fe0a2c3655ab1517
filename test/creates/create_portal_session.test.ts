import nock from 'nock';
import customer from '../fixtures/links/customer.json';
import portal from '../fixtures/links/portal_session.json';
import { STRIPE_API, caught, operationRunner, refusedBeforeSending } from '../helpers';

const run = operationRunner('creates', 'create_portal_session');
const list = (data: object[], has_more = false) => ({
  object: 'list',
  data,
  has_more,
  url: '/v1/customers',
});

function portalCreate(sent: Record<string, string>[]) {
  return nock(STRIPE_API)
    .post('/v1/billing_portal/sessions', () => true)
    .reply((_uri, body) => {
      sent.push(Object.fromEntries(new URLSearchParams(body as string)));
      return [200, portal];
    });
}

describe('create_portal_session', () => {
  it('creates the portal session for a customer id, with the return URL', async () => {
    const sent: Record<string, string>[] = [];
    portalCreate(sent);
    const out = await run({
      customer: 'cus_QxLumen01',
      return_url: 'https://shop.example.com/account',
    });
    expect(sent).toEqual([
      { customer: 'cus_QxLumen01', return_url: 'https://shop.example.com/account' },
    ]);
    expect(out).toEqual({
      url: 'https://billing.stripe.com/p/session/test_YWNjdF8xTmZha2U',
      id: 'bps_1QxPortal0001',
      customer: 'cus_QxLumen01',
      customer_email: null,
      customers_with_email: null,
      note: '',
      expiry_note: expect.stringMatching(/short-lived.*expires within minutes/),
      return_url: 'https://shop.example.com/account',
    });
  });

  it('resolves an email to its customer', async () => {
    const sent: Record<string, string>[] = [];
    nock(STRIPE_API)
      .get('/v1/customers')
      .query({ email: 'ana@example.com', limit: '100' })
      .reply(200, list([customer]));
    portalCreate(sent);
    const out = await run({ customer: ' ana@example.com ' });
    expect(sent).toEqual([{ customer: 'cus_QxLumen01' }]);
    expect(out).toMatchObject({
      customer: 'cus_QxLumen01',
      customer_email: 'ana@example.com',
      customers_with_email: 1,
      note: '',
    });
  });

  it('several customers with one email: uses the most recent and says so', async () => {
    const sent: Record<string, string>[] = [];
    const older = { ...customer, id: 'cus_QxLumenOld', created: 1700000000 };
    const newer = { ...customer, id: 'cus_QxLumenNew', created: 1763950000 };
    nock(STRIPE_API)
      .get('/v1/customers')
      .query(true)
      .reply(200, list([older, newer, customer]));
    portalCreate(sent);
    const out = await run({ customer: 'ana@example.com' });
    expect(sent[0].customer).toBe('cus_QxLumenNew');
    expect(out).toMatchObject({
      customers_with_email: 3,
      note: expect.stringMatching(
        /^3 customers share this email; used the most recent \(cus_QxLumenNew\)/,
      ),
    });
  });

  it("retries a mixed-case email lowercased (Stripe's email filter is case-sensitive)", async () => {
    const sent: Record<string, string>[] = [];
    nock(STRIPE_API)
      .get('/v1/customers')
      .query({ email: 'Ana@Example.com', limit: '100' })
      .reply(200, list([]))
      .get('/v1/customers')
      .query({ email: 'ana@example.com', limit: '100' })
      .reply(200, list([customer]));
    portalCreate(sent);
    await run({ customer: 'Ana@Example.com' });
    expect(sent[0].customer).toBe('cus_QxLumen01');
  });

  it('no customer with the email: a clear error and no portal session', async () => {
    nock(STRIPE_API).get('/v1/customers').query(true).reply(200, list([]));
    const { err, sent } = await refusedBeforeSending(() => run({ customer: 'nobody@example.com' }));
    expect(err).toMatchObject({
      code: 'customer_not_found',
      message: expect.stringMatching(/No Stripe customer has the email nobody@example.com/),
    });
    expect(sent).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['empty', { customer: '' }, /Customer is empty/],
    ['a bare prefix', { customer: 'cus_' }, /Customer "cus_" is not a valid id/],
    ['two emails', { customer: 'ana@example.com, bo@example.com' }, /Customer .*one address/],
    ['a name', { customer: 'Ana Lima' }, /Customer "Ana Lima"/],
    [
      'an http return URL',
      { customer: 'cus_QxLumen01', return_url: 'http://shop.example.com' },
      /Return URL must start with https/,
    ],
    [
      'a return URL without scheme',
      { customer: 'cus_QxLumen01', return_url: 'shop.example.com' },
      /Return URL is not a web address/,
    ],
  ])('refuses %s and sends nothing', async (_name, inputData, message) => {
    const { err, sent } = await refusedBeforeSending(() => run(inputData));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });

  it('passes on the portal-not-configured refusal in plain words', async () => {
    nock(STRIPE_API)
      .post('/v1/billing_portal/sessions')
      .reply(400, {
        error: {
          type: 'invalid_request_error',
          message:
            'You can’t create a portal session in test mode until you save your customer portal settings in test mode at https://dashboard.stripe.com/test/settings/billing/portal.',
        },
      });
    const err = await caught(() => run({ customer: 'cus_QxLumen01' }));
    expect(err.message).toMatch(/save your customer portal settings/);
  });
});
