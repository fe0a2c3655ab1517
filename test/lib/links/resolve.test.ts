import Stripe from 'stripe';
import nock from 'nock';
import link from '../../fixtures/links/payment_link.json';
import { STRIPE_API } from '../../helpers';
import { listPaymentLinks, retrievePaymentLinks } from '../../links-helpers';
import {
  LINK_NOT_FOUND_CODE,
  linkNotFoundMessage,
  requirePaymentLinkId,
  resolvePaymentLink,
  type LinkInput,
} from '../../../lib/links/resolve';
import { NotInAccount } from '../../../lib/stripe/errors';

const stripe = () => new Stripe('sk_test_resolve', { maxNetworkRetries: 0 });
const notFound = (input: LinkInput) =>
  expect.objectContaining({ code: LINK_NOT_FOUND_CODE, message: linkNotFoundMessage(input) });

describe('requirePaymentLinkId: one check for every payment link input', () => {
  it('an id (or a dropdown value) of the account: one read, its id', async () => {
    const { calls } = retrievePaymentLinks([link]);
    expect(await requirePaymentLinkId(stripe(), { id: link.id })).toBe(link.id);
    expect(calls).toEqual([link.id]);
  });

  it('a URL of one of the account’s links (inactive included): its id, no read by id', async () => {
    const { calls } = retrievePaymentLinks([]);
    listPaymentLinks({ inactive: [{ ...link, active: false }] });
    expect(await requirePaymentLinkId(stripe(), { url: `${link.url}/?utm_source=x` })).toBe(
      link.id,
    );
    expect(calls).toEqual([]);
  });

  it.each<[string, LinkInput]>([
    ['an id of another account or mode (Stripe: resource_missing)', { id: 'plink_1QxOther' }],
    ['a URL none of the checked links has', { url: 'https://buy.stripe.com/test_nope' }],
  ])('%s: NotInAccount, one code and message', async (_name, input) => {
    retrievePaymentLinks([]);
    listPaymentLinks({ active: [link] });
    const err = await requirePaymentLinkId(stripe(), input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotInAccount);
    expect(err).toEqual(notFound(input));
  });

  it('any other Stripe failure is not called "not found" (a key without permission stays that)', async () => {
    nock(STRIPE_API)
      .get('/v1/payment_links/plink_1QxSpringSale')
      .reply(403, {
        error: {
          type: 'invalid_request_error',
          message:
            'The provided key does not have the required permissions for this endpoint: rak_payment_link_read',
        },
      });
    const err = await requirePaymentLinkId(stripe(), { id: link.id }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(NotInAccount);
    expect(err).toMatchObject({ type: 'StripePermissionError' });
  });

  it('says it in plain words, under 250 characters even for a long URL', () => {
    const message = linkNotFoundMessage({ url: `https://buy.stripe.com/${'x'.repeat(300)}` });
    expect(message.length).toBeLessThanOrEqual(250);
    expect(message).toMatch(
      /^Payment Link https:\/\/buy\.stripe\.com\/x+… is not in the Stripe account this Zap is connected to\. Check test vs live mode and the account/,
    );
  });
});

describe('resolvePaymentLink (Build Tracked Link)', () => {
  it('an id must be the account’s, as everywhere', async () => {
    retrievePaymentLinks([]);
    await expect(resolvePaymentLink(stripe(), { id: 'plink_1QxOther' })).rejects.toEqual(
      notFound({ id: 'plink_1QxOther' }),
    );
  });

  it('a URL none of the checked links has stays usable, unknown (the caller warns)', async () => {
    listPaymentLinks({});
    expect(await resolvePaymentLink(stripe(), { url: 'https://pay.shop.example/x' })).toEqual({
      id: null,
      url: 'https://pay.shop.example/x',
      afterCompletion: null,
      active: null,
    });
  });
});
