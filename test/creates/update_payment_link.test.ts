import nock from 'nock';
import link from '../fixtures/links/payment_link.json';
import { caught, operationRunner, refusedBeforeSending, STRIPE_API } from '../helpers';
import { stripeReplies, type WireRequest } from './stripe-wire';

const run = operationRunner('creates', 'update_payment_link');
const inactive = { ...link, active: false, inactive_message: 'Sold out.' };

describe('update_payment_link', () => {
  it('deactivates by id: one read (is the link this account’s?), one update with only the given inputs', async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', '/v1/payment_links/plink_1QxSpringSale', link);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', inactive);
    const out = await run({
      payment_link: 'plink_1QxSpringSale',
      active: 'false',
      inactive_message: 'Sold out.',
    });
    expect(wire.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(wire[1].form).toEqual({ active: 'false', inactive_message: 'Sold out.' });
    expect(out).toMatchObject({
      id: 'plink_1QxSpringSale',
      active: false,
      inactive_message: 'Sold out.',
    });
  });

  it('switches to a redirect with the session id placeholder, and merges metadata', async () => {
    const wire: WireRequest[] = [];
    stripeReplies([], 'get', '/v1/payment_links/plink_1QxSpringSale', link);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', link);
    await run({
      payment_link: 'plink_1QxSpringSale',
      redirect_url: 'https://shop.example.com/thanks',
      metadata: { campaign: 'autumn' },
    });
    expect(wire[0].form).toEqual({
      'after_completion[type]': 'redirect',
      'after_completion[redirect][url]':
        'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
      'metadata[campaign]': 'autumn',
    });
  });

  it('a confirmation message alone switches to the confirmation page with that message', async () => {
    const wire: WireRequest[] = [];
    stripeReplies([], 'get', '/v1/payment_links/plink_1QxSpringSale', link);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', link);
    await run({ payment_link: 'plink_1QxSpringSale', confirmation_message: 'Thank you!' });
    expect(wire[0].form).toEqual({
      'after_completion[type]': 'hosted_confirmation',
      'after_completion[hosted_confirmation][custom_message]': 'Thank you!',
    });
  });

  it('reactivates a deactivated link pasted as URL: the lookup includes inactive links', async () => {
    const wire: WireRequest[] = [];
    const list = (data: object[]) => ({
      object: 'list',
      url: '/v1/payment_links',
      has_more: false,
      data,
    });
    const lists = nock(STRIPE_API)
      .get('/v1/payment_links')
      .query({ active: 'true', limit: 100 })
      .reply(200, list([]))
      .get('/v1/payment_links')
      .query({ active: 'false', limit: 100 })
      .reply(200, list([inactive]));
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', link);
    await run({
      payment_link: 'https://buy.stripe.com/test_9AQ5kQ?utm_source=x',
      active: 'reactivate',
    });
    expect(lists.isDone()).toBe(true);
    expect(wire.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/payment_links/plink_1QxSpringSale',
    ]);
    expect(wire[0].form).toEqual({ active: 'true' });
  });

  it('says so when a pasted URL is not among the account’s links, and updates nothing', async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', '/v1/payment_links', {
      object: 'list',
      url: '/v1/payment_links',
      has_more: false,
      data: [],
    });
    const { err } = await refusedBeforeSending(() =>
      run({ payment_link: 'https://buy.stripe.com/test_other', active: 'false' }),
    );
    expect(err).toMatchObject({
      name: 'AppError',
      code: 'payment_link_not_found',
      message: expect.stringMatching(
        /^Payment Link https:\/\/buy\.stripe\.com\/test_other is not in the Stripe account this Zap is connected to\. Check test vs live mode and the account.*\(a URL is matched among the newest 300 active and 300 inactive links\)\.$/,
      ),
    });
    // Active links, then inactive ones; no update.
    expect(wire.map((r) => `${r.method} ${r.query}`)).toEqual([
      'GET active=true&limit=100',
      'GET active=false&limit=100',
    ]);
  });

  it('an id of a link this account does not have: the same answer, and no update is sent', async () => {
    const wire: WireRequest[] = [];
    const missing = {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'id',
        message: "No such payment_link: 'plink_1QxOtherAccount'",
      },
    };
    stripeReplies(wire, 'get', '/v1/payment_links/plink_1QxOtherAccount', missing, 404);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxOtherAccount', link);
    const err = await caught(() => run({ payment_link: 'plink_1QxOtherAccount', active: 'false' }));
    expect(err).toMatchObject({ name: 'AppError', code: 'payment_link_not_found' });
    expect(err.message).toMatch(
      /^Payment Link plink_1QxOtherAccount is not in the Stripe account this Zap is connected to\. Check test vs live mode/,
    );
    expect(wire.map((r) => r.method)).toEqual(['GET']);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['nothing to change', { payment_link: 'plink_1QxSpringSale' }, /Nothing to update/],
    ['no link', { active: 'false' }, /Payment Link is empty/],
    ['a product id as link', { payment_link: 'prod_QxArtPrint', active: 'false' }, /plink_/],
    [
      'active "maybe"',
      { payment_link: 'plink_1QxSpringSale', active: 'maybe' },
      /deactivate.*reactivate/,
    ],
    [
      'redirect without URL',
      { payment_link: 'plink_1QxSpringSale', after_completion: 'redirect' },
      /Redirect URL is empty/,
    ],
    [
      'an http redirect',
      { payment_link: 'plink_1QxSpringSale', redirect_url: 'http://shop.example.com' },
      /https/,
    ],
    [
      'a 501-character inactive message',
      { payment_link: 'plink_1QxSpringSale', inactive_message: 'x'.repeat(501) },
      /at most 500/,
    ],
    [
      'a metadata key with brackets',
      { payment_link: 'plink_1QxSpringSale', metadata: { 'a[b]': 'x' } },
      /"\[" or "\]"/,
    ],
  ])('refuses %s before sending anything', async (_n, input, message) => {
    const { err, sent } = await refusedBeforeSending(() => run(input));
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });
});

describe('update_payment_link — a destination-charge link lives on the platform', () => {
  const missing = {
    error: {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: "No such payment_link: 'plink_1QxSpringSale'",
    },
  };
  const asConnected = operationRunner('creates', 'update_payment_link', false, {
    stripe_account: 'acct_1QxSellerDirect',
  });

  it('is not on the connected account (404), so it is read and updated on the platform without the header', async () => {
    const wire: WireRequest[] = [];
    const path = '/v1/payment_links/plink_1QxSpringSale';
    stripeReplies(wire, 'get', path, missing, 404, {
      reqheaders: { 'stripe-account': 'acct_1QxSellerDirect' },
    });
    stripeReplies(wire, 'get', path, link, 200, { badheaders: ['stripe-account'] });
    stripeReplies(wire, 'post', path, inactive, 200, { badheaders: ['stripe-account'] });
    const out = await asConnected({ payment_link: 'plink_1QxSpringSale', active: 'false' });
    expect(wire.map((r) => `${r.method} ${r.path} ${r.account ?? 'no header'}`)).toEqual([
      `GET ${path} acct_1QxSellerDirect`,
      `GET ${path} no header`,
      `POST ${path} no header`,
    ]);
    expect(out).toMatchObject({ active: false });
  });

  it('on neither account: the one not-found answer, and nothing updated', async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', '/v1/payment_links/plink_1QxSpringSale', missing, 404);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', inactive);
    const err = await caught(() =>
      asConnected({ payment_link: 'plink_1QxSpringSale', active: 'false' }),
    );
    expect(err).toMatchObject({ code: 'payment_link_not_found' });
    expect(err.message).toMatch(
      /^Payment Link plink_1QxSpringSale is not in the Stripe account this Zap is connected to/,
    );
    expect(wire.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('a link on the connected account is read and updated there', async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', '/v1/payment_links/plink_1QxSpringSale', link);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', inactive);
    await asConnected({ payment_link: 'plink_1QxSpringSale', active: 'false' });
    expect(wire.map((r) => `${r.method} ${r.account}`)).toEqual([
      'GET acct_1QxSellerDirect',
      'POST acct_1QxSellerDirect',
    ]);
  });
});
