import { missingMessage } from '../../lib/stripe/errors';
import nock from 'nock';
import App from '../../index';
import type { ZObject } from 'zapier-platform-core';
import { stripeClient } from '../../lib/stripe/client';
import { mapStripeErrors, NotInAccount } from '../../lib/stripe/errors';
import {
  appTester,
  caught,
  makeBundle,
  operationRunner,
  STRIPE_API,
  TEST_SECRET_KEY,
} from '../helpers';

const retrieveIntent = (z: ZObject, bundle: { authData: Record<string, string> }) =>
  mapStripeErrors(z, () =>
    stripeClient(z, bundle.authData).paymentIntents.retrieve('pi_3NabcdefGhijklmn'),
  );
const PATH = '/v1/payment_intents/pi_3NabcdefGhijklmn';
const stripeError = (error: Record<string, string>) => ({ error });

describe('Stripe failures become the right Zapier error', () => {
  it('401 asks to reconnect, with the request id and without the key', async () => {
    nock(STRIPE_API)
      .get(PATH)
      .reply(
        401,
        stripeError({
          message: `Invalid API Key provided: ${TEST_SECRET_KEY}`,
          type: 'invalid_request_error',
        }),
        { 'Request-Id': 'req_A1b2C3' },
      );
    const error = await caught(() => appTester(retrieveIntent, makeBundle()));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/reconnect with a new key/);
    expect(error.message).toContain('req_A1b2C3');
    expect(error.message).not.toContain(TEST_SECRET_KEY);
  });

  it('429 is throttled (retry later)', async () => {
    nock(STRIPE_API)
      .get(PATH)
      .reply(
        429,
        stripeError({
          message: 'Too many requests hit the API too quickly.',
          type: 'invalid_request_error',
          code: 'rate_limit',
        }),
      );
    expect(await caught(() => appTester(retrieveIntent, makeBundle()))).toMatchObject({
      name: 'ThrottledError',
    });
  });

  it('lock_timeout is throttled too, and says the object is busy', async () => {
    nock(STRIPE_API)
      .get(PATH)
      .reply(
        429,
        stripeError({
          message:
            'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
          type: 'invalid_request_error',
          code: 'lock_timeout',
        }),
      );
    const error = await caught(() => appTester(retrieveIntent, makeBundle()));
    expect(error).toMatchObject({ name: 'ThrottledError', message: expect.stringMatching(/busy/) });
  });

  it('5xx (after the SDK retry) says it is temporary and to replay', async () => {
    const scope = nock(STRIPE_API)
      .get(PATH)
      .times(2)
      .reply(500, stripeError({ message: 'An unknown error occurred', type: 'api_error' }), {
        'Stripe-Should-Retry': 'true',
      });
    const error = await caught(() => appTester(retrieveIntent, makeBundle()));
    expect(error).toMatchObject({
      name: 'AppError',
      code: 'stripe_unavailable',
      message: expect.stringMatching(/temporarily unavailable.*replay/),
    });
    expect(scope.isDone()).toBe(true);
  });

  it("4xx carries Stripe's own message, code and request id, never raw JSON", async () => {
    nock(STRIPE_API)
      .get(PATH)
      .reply(
        404,
        stripeError({
          message: 'This PaymentIntent cannot be captured: its status is canceled.',
          type: 'invalid_request_error',
          code: 'payment_intent_unexpected_state',
          param: 'intent',
        }),
        { 'Request-Id': 'req_Z9' },
      );
    const error = await caught(() => appTester(retrieveIntent, makeBundle()));
    expect(error).toMatchObject({
      name: 'AppError',
      code: 'payment_intent_unexpected_state',
      status: 404,
    });
    expect(error.message).toBe(
      'Stripe: This PaymentIntent cannot be captured: its status is canceled. [payment_intent_unexpected_state] (Stripe request req_Z9)',
    );
  });

  it('403 names the missing permission of a restricted key', async () => {
    nock(STRIPE_API)
      .get(PATH)
      .reply(
        403,
        stripeError({
          message:
            'The provided key does not have the required permissions (rak_payment_intent_read).',
          type: 'invalid_request_error',
        }),
      );
    const error = await caught(() => appTester(retrieveIntent, makeBundle()));
    expect(error).toMatchObject({
      status: 403,
      message: expect.stringMatching(
        /^The Stripe key lacks a permission this step needs: Payment Intents: read \(rak_payment_intent_read\)\. Add it/,
      ),
    });
  });

  it('403 inside a step names the step and the permission, as Stripe words it', async () => {
    nock(STRIPE_API)
      .get('/v1/charges/ch_3QxLumenPaid01')
      .query(true)
      .reply(
        403,
        stripeError({
          message:
            "The provided key 'rk_test_*********************************************qs8Kgd' does not have the required permissions for this endpoint on account 'acct_1PJBLEBBLEfV'. Having the 'rak_charge_read' permission would allow this request to continue.",
          type: 'invalid_request_error',
        }),
        { 'Request-Id': 'req_P3rm' },
      );
    const run = operationRunner('creates', 'create_refund');
    const error = await caught(() => run({ payment: 'ch_3QxLumenPaid01' }));
    expect(error).toMatchObject({ code: 'stripe_permission', status: 403 });
    const label = App.creates.create_refund.display.label;
    expect(error.message).toBe(
      `The Stripe key lacks a permission "${label}" needs: Charges: read (rak_charge_read). Add it to the key (Stripe Dashboard → Developers → API keys) or reconnect with a new key. (Stripe request req_P3rm)`,
    );
  });

  it("403 without a named permission keeps Stripe's words", async () => {
    nock(STRIPE_API)
      .get(PATH)
      .reply(403, stripeError({ message: 'Forbidden.', type: 'invalid_request_error' }));
    const error = await caught(() => appTester(retrieveIntent, makeBundle()));
    expect(error.message).toMatch(
      /^The Stripe key lacks a permission this step needs: Forbidden\./,
    );
  });

  it('errors already in Zapier terms pass through untouched', async () => {
    const error = await caught(() =>
      appTester(
        (z: ZObject) =>
          mapStripeErrors(z, async () => {
            throw new z.errors.HaltedError('already refunded');
          }),
        makeBundle(),
      ),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/^already refunded/);
  });

  it('sends the pinned API version and our app info', async () => {
    let headers: Record<string, unknown> = {};
    nock(STRIPE_API)
      .get(PATH)
      .reply(function () {
        headers = this.req.headers;
        return [200, { id: 'pi_3NabcdefGhijklmn', object: 'payment_intent' }];
      });
    await appTester(retrieveIntent, makeBundle());
    expect(headers['stripe-version']).toBe('2026-10-28.endive');
    expect(String(headers['user-agent'])).toMatch(/Stripe Payment Links for Zapier\/1\.0\.0/);
  });
});

describe('an object the Zap names that the account does not have (NotInAccount)', () => {
  it('becomes a z.errors.Error with its own code, status 404 and its message as said', async () => {
    const message =
      'Payment Link plink_1Gone is not in the Stripe account this Zap is connected to.';
    const err = await caught(() =>
      appTester(
        (z: ZObject) =>
          mapStripeErrors(z, () =>
            Promise.reject(new NotInAccount(message, 'payment_link_not_found')),
          ),
        makeBundle(),
      ),
    );
    expect(err).toMatchObject({
      name: 'AppError',
      code: 'payment_link_not_found',
      status: 404,
      message,
    });
  });
});

describe('a missing object is one sentence that says what to do', () => {
  const missing = (message: string) =>
    Object.assign(new Error(message), {
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      statusCode: 404,
    });
  it.each([
    [
      "No such payment_link: 'plink_1Gone'",
      /^Payment Link plink_1Gone is not in .*: pick it from the dropdown or use "Find Payment Link"\.$/,
    ],
    ["No such customer: 'cus_Gone'", /^Customer cus_Gone is not in .*use "Find Customer"\.$/],
    [
      "No such checkout.session: 'cs_test_Gone'",
      /^Checkout Session cs_test_Gone .*"Find Checkout Session"\.$/,
    ],
    [
      "No such charge: 'ch_Gone'",
      /^Payment ch_Gone is not in the connected Stripe account \(or is in the other mode, test or live\): pick one/,
    ],
    ["No such payment_intent: 'pi_Gone'", /^Payment pi_Gone /],
  ])('%s', (message, expected) => {
    expect(missingMessage(missing(message))).toMatch(expected);
  });

  it('leaves other errors to the general wording', () => {
    expect(missingMessage(Object.assign(missing('x'), { code: 'amount_too_large' }))).toBeNull();
  });
});
