import nock from 'nock';
import link from '../fixtures/links/payment_link.json';
import { operationRunner, refusedBeforeSending, STRIPE_API } from '../helpers';
import { stripeReplies, type WireRequest } from './stripe-wire';

const create = operationRunner('creates', 'create_payment_link');
const update = operationRunner('creates', 'update_payment_link');
const lineItems = [{ price: 'price_1QxArtPrintA4', quantity: 1 }];
const withConsent = (consent: object | null) => ({ ...link, consent_collection: consent });

describe('collect_promotions_consent on create_payment_link', () => {
  it.each([
    ['yes', true],
    ['true', true],
    [true, true],
    ['no', false],
    ['', false],
    [undefined, false],
  ])('%p asks Stripe for consent_collection[promotions]=auto: %p', async (value, asked) => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'post', '/v1/payment_links', link);
    await create({ line_items: lineItems, collect_promotions_consent: value });
    expect(wire).toHaveLength(1);
    expect(wire[0].form['consent_collection[promotions]']).toBe(asked ? 'auto' : undefined);
  });

  it.each(['maybe', 'auto', 'opt_in'])(
    'refuses %p in plain words and sends nothing',
    async (value) => {
      const { err, sent } = await refusedBeforeSending(() =>
        create({ line_items: lineItems, collect_promotions_consent: value }),
      );
      expect(err).toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^Collect Promotional Emails Consent must be yes or no/),
      });
      expect(err.message.length).toBeLessThanOrEqual(250);
      expect(sent).toEqual([]);
    },
  );
});

describe('collect_promotions_consent on update_payment_link', () => {
  it('yes turns consent on, keeping the link’s terms-of-service checkbox (one read, one update)', async () => {
    const wire: WireRequest[] = [];
    const current = withConsent({
      payment_method_reuse_agreement: null,
      promotions: 'none',
      terms_of_service: 'required',
    });
    stripeReplies(wire, 'get', '/v1/payment_links/plink_1QxSpringSale', current);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', current);
    await update({ payment_link: 'plink_1QxSpringSale', collect_promotions_consent: 'yes' });
    expect(wire.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(wire[1].form).toEqual({
      'consent_collection[terms_of_service]': 'required',
      'consent_collection[promotions]': 'auto',
    });
  });

  it('no turns it off (promotions=none), with the other inputs in the same update', async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', '/v1/payment_links/plink_1QxSpringSale', withConsent(null));
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', link);
    await update({
      payment_link: 'plink_1QxSpringSale',
      collect_promotions_consent: 'no',
      active: 'false',
    });
    expect(wire[1].form).toEqual({ active: 'false', 'consent_collection[promotions]': 'none' });
  });

  it('empty leaves consent unchanged: nothing about consent sent (the read only checks the link)', async () => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'get', '/v1/payment_links/plink_1QxSpringSale', link);
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', link);
    await update({
      payment_link: 'plink_1QxSpringSale',
      collect_promotions_consent: '',
      active: 'true',
    });
    expect(wire.map((r) => `${r.method} ${JSON.stringify(r.form)}`)).toEqual([
      'GET {}',
      'POST {"active":"true"}',
    ]);
  });

  it('consent alone is something to update', async () => {
    nock(STRIPE_API).get('/v1/payment_links/plink_1QxSpringSale').reply(200, withConsent(null));
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'post', '/v1/payment_links/plink_1QxSpringSale', link);
    await update({ payment_link: 'plink_1QxSpringSale', collect_promotions_consent: 'true' });
    expect(wire[0].form).toEqual({ 'consent_collection[promotions]': 'auto' });
  });

  it('refuses a value that is not yes or no, and sends nothing', async () => {
    const { err, sent } = await refusedBeforeSending(() =>
      update({ payment_link: 'plink_1QxSpringSale', collect_promotions_consent: 'sometimes' }),
    );
    expect(err).toMatchObject({
      code: 'invalid_input',
      message: 'Collect Promotional Emails Consent must be yes or no (or empty); got "sometimes".',
    });
    expect(sent).toEqual([]);
  });
});
