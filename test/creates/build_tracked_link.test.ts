import nock from 'nock';
import link from '../fixtures/links/payment_link.json';
import { STRIPE_API, caught, operationRunner, refusedBeforeSending } from '../helpers';

const run = operationRunner('creates', 'build_tracked_link', true);
const hosted = {
  ...link,
  after_completion: { type: 'hosted_confirmation', hosted_confirmation: { custom_message: null } },
};

describe('build_tracked_link', () => {
  it('resolves a plink id to its URL and adds the tracking parameters; a redirecting link gets no warning', async () => {
    nock(STRIPE_API).get('/v1/payment_links/plink_1QxSpringSale').reply(200, link);
    const out = await run({
      payment_link: 'plink_1QxSpringSale',
      utm_source: 'newsletter',
      utm_campaign: 'spring-sale',
      client_reference_id: 'order-1042',
    });
    expect(out).toEqual({
      url: 'https://buy.stripe.com/test_9AQ5kQ?utm_source=newsletter&utm_campaign=spring-sale&client_reference_id=order-1042',
      payment_link: 'plink_1QxSpringSale',
      after_completion: 'redirect',
      parameters: {
        utm_source: 'newsletter',
        utm_campaign: 'spring-sale',
        client_reference_id: 'order-1042',
      },
      warnings: [],
      warnings_text: '',
    });
  });

  it('warns that UTM codes reach no page when the link shows the hosted confirmation', async () => {
    nock(STRIPE_API).get('/v1/payment_links/plink_1QxSpringSale').reply(200, hosted);
    const out = (await run({ payment_link: 'plink_1QxSpringSale', utm_source: 'newsletter' })) as {
      warnings: string[];
    };
    expect(out.warnings).toEqual([
      expect.stringMatching(/confirmation page .* UTM codes will not reach any page/),
    ]);
  });

  it('gives no UTM warning for a client_reference_id alone (it reaches the session either way)', async () => {
    nock(STRIPE_API).get('/v1/payment_links/plink_1QxSpringSale').reply(200, hosted);
    const out = (await run({
      payment_link: 'plink_1QxSpringSale',
      client_reference_id: 'order-1042',
    })) as { warnings: string[] };
    expect(out.warnings).toEqual([]);
  });

  it('finds a pasted URL among the active links (second page), keeping its own parameters', async () => {
    const other = { ...link, id: 'plink_1QxOtherLink00', url: 'https://buy.stripe.com/test_OTHER' };
    nock(STRIPE_API)
      .get('/v1/payment_links')
      .query({ active: 'true', limit: '100' })
      .reply(200, { object: 'list', data: [other], has_more: true, url: '/v1/payment_links' })
      .get('/v1/payment_links')
      .query({ active: 'true', limit: '100', starting_after: 'plink_1QxOtherLink00' })
      .reply(200, { object: 'list', data: [hosted], has_more: false, url: '/v1/payment_links' });
    const out = (await run({
      payment_link: 'https://buy.stripe.com/test_9AQ5kQ?prefilled_email=ana%40example.com',
      utm_medium: 'email',
    })) as Record<string, unknown>;
    expect(out.url).toBe(
      'https://buy.stripe.com/test_9AQ5kQ?prefilled_email=ana%40example.com&utm_medium=email',
    );
    expect(out.payment_link).toBe('plink_1QxSpringSale');
    expect(out.warnings).toEqual([expect.stringMatching(/will not reach any page/)]);
  });

  it('says when it could not check a URL it did not find', async () => {
    nock(STRIPE_API)
      .get('/v1/payment_links')
      .query(true)
      .reply(200, { object: 'list', data: [], has_more: false, url: '/v1/payment_links' });
    const out = (await run({
      payment_link: 'https://pay.example.com/b/abc',
      utm_source: 'x',
    })) as Record<string, unknown>;
    expect(out).toMatchObject({
      url: 'https://pay.example.com/b/abc?utm_source=x',
      payment_link: null,
      after_completion: null,
    });
    expect(out.warnings).toEqual([expect.stringMatching(/Could not check/)]);
  });

  it('checks at most 3 pages of active links for a pasted URL, then says it could not check', async () => {
    const page = (n: number) =>
      Array.from({ length: 100 }, (_, i) => ({
        ...link,
        id: `plink_1QxPage${n}Link${String(i).padStart(3, '0')}`,
        url: `https://buy.stripe.com/test_P${n}L${i}`,
      }));
    const pages = [page(1), page(2), page(3)];
    const scope = nock(STRIPE_API);
    pages.forEach((data, n) => {
      const query: Record<string, string> = { active: 'true', limit: '100' };
      if (n > 0) query.starting_after = pages[n - 1][99].id;
      scope
        .get('/v1/payment_links')
        .query(query)
        .reply(200, { object: 'list', data, has_more: true, url: '/v1/payment_links' });
    });
    // A fourth page would reach no interceptor and fail the step.
    const out = (await run({
      payment_link: 'https://buy.stripe.com/test_NOT_LISTED',
      utm_source: 'x',
    })) as Record<string, unknown>;
    expect(scope.isDone()).toBe(true);
    expect(out.payment_link).toBeNull();
    expect(out.warnings).toEqual([expect.stringMatching(/Could not check/)]);
  });

  it('warns when the client_reference_id looks like an email', async () => {
    nock(STRIPE_API).get('/v1/payment_links/plink_1QxSpringSale').reply(200, link);
    const out = (await run({
      payment_link: 'plink_1QxSpringSale',
      client_reference_id: 'ana_at_example_com',
    })) as { warnings: string[] };
    expect(out.warnings.join(' ')).toMatch(/looks like an email/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a space', { utm_campaign: 'spring sale' }, /utm_campaign: a space at position 7/],
    ['unicode', { utm_source: 'Zürich' }, /utm_source: "ü" \(U\+00FC\) at position 2/],
    ['a plus', { utm_medium: 'cpc+email' }, /utm_medium: "\+"/],
    ['over-length', { utm_content: 'x'.repeat(151) }, /utm_content is 151 characters/],
    ['an email with @', { client_reference_id: 'ana@example.com' }, /client_reference_id: "@"/],
    ['an empty link', { payment_link: '' }, /Payment Link is empty/],
    [
      'a link without https',
      { payment_link: 'buy.stripe.com/test_9AQ5kQ' },
      /must be the link itself/,
    ],
  ])(
    'refuses %s with a message naming the field, and sends nothing',
    async (_name, inputData, message) => {
      const { err, sent } = await refusedBeforeSending(() =>
        run({ payment_link: 'plink_1QxSpringSale', ...inputData }),
      );
      expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
      expect(sent).toEqual([]);
    },
  );

  it('maps an unknown link id to a plain Stripe error', async () => {
    nock(STRIPE_API)
      .get('/v1/payment_links/plink_1QxMissing0000')
      .reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: "No such payment link: 'plink_1QxMissing0000'",
        },
      });
    const err = await caught(() => run({ payment_link: 'plink_1QxMissing0000' }));
    expect(err.message).toMatch(/No such payment link/);
  });
});
