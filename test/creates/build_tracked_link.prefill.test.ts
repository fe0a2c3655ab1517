import nock from 'nock';
import { checkoutLocale } from '../../lib/links/prefill';
import link from '../fixtures/links/payment_link.json';
import { STRIPE_API, operationRunner, refusedBeforeSending } from '../helpers';

const run = operationRunner('creates', 'build_tracked_link', true);

describe('build_tracked_link — prefilled email, promo code and locale', () => {
  it('adds them after the tracking parameters, encoded, and lists them among the parameters applied', async () => {
    nock(STRIPE_API).get('/v1/payment_links/plink_1QxSpringSale').reply(200, link);
    const out = await run({
      payment_link: 'plink_1QxSpringSale',
      utm_source: 'newsletter',
      prefilled_email: 'ada+vip@example.com',
      prefilled_promo_code: 'SPRING-25',
      locale: 'en_gb',
    });
    expect(out).toMatchObject({
      url: 'https://buy.stripe.com/test_9AQ5kQ?utm_source=newsletter&prefilled_email=ada%2Bvip%40example.com&prefilled_promo_code=SPRING-25&locale=en-GB',
      parameters: {
        utm_source: 'newsletter',
        prefilled_email: 'ada+vip@example.com',
        prefilled_promo_code: 'SPRING-25',
        locale: 'en-GB',
      },
    });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'two addresses',
      { prefilled_email: 'a@example.com; b@example.com' },
      /Prefilled Email .* list/,
    ],
    ['a promo code with a space', { prefilled_promo_code: 'SPRING 25' }, /letters, digits and "-"/],
    ['locale de-DE', { locale: 'de-DE' }, /Locale "de-DE" is not .* Use "de"\./],
    [
      'locale klingon',
      { locale: 'tlh' },
      /Locale "tlh" is not one of Stripe Checkout's languages\. Examples/,
    ],
  ])('refuses %s before sending anything', async (_n, input, message) => {
    const { err, sent } = await refusedBeforeSending(() =>
      run({ payment_link: 'plink_1QxSpringSale', ...input }),
    );
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });

  it("reads locales in Stripe's spelling whatever the case or separator", () => {
    expect(checkoutLocale('ES-419')).toEqual({ locale: 'es-419' });
    expect(checkoutLocale('zh_tw')).toEqual({ locale: 'zh-TW' });
    expect(checkoutLocale('')).toEqual({ locale: null });
  });
});
