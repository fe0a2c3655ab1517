import fs from 'node:fs';
import Stripe from 'stripe';
import { derive, serialize, OUT } from '../../../scripts/derive-stripe-spec';
import { stripeSpec } from './spec';

/**
 * The strict double's rules are the installed SDK's: derived again here, they must be the
 * committed spec.json to the byte. After an SDK upgrade: `npm run derive:stripe`.
 */
describe('the strict Stripe double is derived from the installed SDK', () => {
  test('spec.json is what the installed stripe package says (npm run derive:stripe)', () => {
    expect(fs.readFileSync(OUT, 'utf8') === serialize(derive())).toBe(true);
  }, 60_000);

  test('for the SDK version and API version the app pins', () => {
    const spec = stripeSpec();
    expect(spec.apiVersion).toBe(Stripe.API_VERSION);
    expect(spec.sdk).toBe((Stripe as unknown as { PACKAGE_VERSION: string }).PACKAGE_VERSION);
  });

  test('covers the endpoints the app calls, with their parameters', () => {
    const ops = new Map(stripeSpec().endpoints.map((e) => [`${e.method} ${e.path}`, e]));
    for (const call of [
      'GET /v1/checkout/sessions',
      'GET /v1/checkout/sessions/{id}',
      'POST /v1/refunds',
      'POST /v1/payment_links',
      'POST /v1/webhook_endpoints',
      'DELETE /v1/webhook_endpoints/{id}',
      'GET /v1/events/{id}',
    ])
      expect(ops.get(call)?.params).not.toBeUndefined();
    expect(stripeSpec().endpoints.length).toBeGreaterThan(500);
  });
});
