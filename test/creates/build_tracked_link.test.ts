import nock from 'nock';
import link from '../fixtures/links/payment_link.json';
import { STRIPE_API, caught, operationRunner, refusedBeforeSending } from '../helpers';
import { listPaymentLinks } from '../links-helpers';

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

  it('says when it could not check a buy.stripe.com URL it did not find (no look-alike warning)', async () => {
    listPaymentLinks({});
    const out = (await run({
      payment_link: 'https://buy.stripe.com/test_OtherAccount',
      utm_source: 'x',
    })) as Record<string, unknown>;
    expect(out).toMatchObject({
      url: 'https://buy.stripe.com/test_OtherAccount?utm_source=x',
      payment_link: null,
      after_completion: null,
    });
    expect(out.warnings).toEqual([expect.stringMatching(/Could not check/)]);
  });

  it('checks at most 3 pages of active and 3 of inactive links for a pasted URL, then says it could not check', async () => {
    const page = (active: boolean, n: number) =>
      Array.from({ length: 100 }, (_, i) => ({
        ...link,
        active,
        id: `plink_1Qx${active ? 'A' : 'I'}Page${n}Link${String(i).padStart(3, '0')}`,
        url: `https://buy.stripe.com/test_${active ? 'A' : 'I'}P${n}L${i}`,
      }));
    const scope = nock(STRIPE_API);
    for (const active of [true, false]) {
      const pages = [page(active, 1), page(active, 2), page(active, 3)];
      pages.forEach((data, n) => {
        const query: Record<string, string> = { active: String(active), limit: '100' };
        if (n > 0) query.starting_after = pages[n - 1][99].id;
        scope
          .get('/v1/payment_links')
          .query(query)
          .reply(200, { object: 'list', data, has_more: true, url: '/v1/payment_links' });
      });
    }
    // A fourth page of either kind would reach no interceptor and fail the step.
    const out = (await run({
      payment_link: 'https://buy.stripe.com/test_NOT_LISTED',
      utm_source: 'x',
    })) as Record<string, unknown>;
    expect(scope.isDone()).toBe(true);
    expect(out.payment_link).toBeNull();
    expect(out.warnings).toEqual([expect.stringMatching(/Could not check/)]);
  });

  it('warns that a deactivated link (given by id) cannot be paid', async () => {
    nock(STRIPE_API)
      .get('/v1/payment_links/plink_1QxSpringSale')
      .reply(200, { ...link, active: false });
    const out = (await run({ payment_link: 'plink_1QxSpringSale', utm_source: 'x' })) as {
      warnings: string[];
    };
    expect(out.warnings).toEqual([expect.stringMatching(/deactivated: customers .* cannot pay/)]);
  });

  it('finds a pasted URL among the inactive links when no active one matches, and warns', async () => {
    listPaymentLinks({ inactive: [{ ...link, active: false }] });
    const out = (await run({ payment_link: 'https://buy.stripe.com/test_9AQ5kQ' })) as Record<
      string,
      unknown
    >;
    expect(out.payment_link).toBe('plink_1QxSpringSale');
    expect(out.warnings).toEqual([expect.stringMatching(/deactivated/)]);
  });

  it.each([
    [
      'a Stripe host as a subdomain',
      'https://buy.stripe.com.pay-now.io/test_9AQ5kQ',
      'buy.stripe.com.pay-now.io',
    ],
    ['a hyphenated look-alike', 'https://buy-stripe.com/test_9AQ5kQ', 'buy-stripe.com'],
    ['user info before the real host', 'https://buy.stripe.com@evil.example/x', 'evil.example'],
    ['a Cyrillic "і" in stripe', 'https://buy.str\u0456pe.com/test_9AQ5kQ', 'buy.xn--strpe-'],
    [
      'a Checkout page, not a link',
      'https://checkout.stripe.com/c/pay/cs_test_a1',
      'checkout.stripe.com',
    ],
  ])('warns about %s matching none of the links', async (_name, url, host) => {
    listPaymentLinks({});
    const out = (await run({ payment_link: url })) as { warnings: string[] };
    expect(out.warnings).toEqual([
      expect.stringMatching(/is not Stripe's payment link address .* look-alike address/),
    ]);
    expect(out.warnings[0]).toContain(`"${host}`);
  });

  it("gives no look-alike warning for a custom domain that is one of the account's links", async () => {
    const custom = { ...link, url: 'https://pay.shop.example/b/9AQ5kQ' };
    listPaymentLinks({ active: [custom] });
    const out = (await run({ payment_link: 'https://pay.shop.example/b/9AQ5kQ' })) as Record<
      string,
      unknown
    >;
    expect(out).toMatchObject({ payment_link: 'plink_1QxSpringSale', warnings: [] });
  });

  it.each(['3f2b8c1e-9d4a-4e6b-8a7f-1c2d3e4f5a6b', '3f2b8c1e9d4a4e6b8a7f1c2d3e4f5a6b'])(
    'gives no warning for a UUID order id %s',
    async (uuid) => {
      nock(STRIPE_API).get('/v1/payment_links/plink_1QxSpringSale').reply(200, link);
      const out = (await run({
        payment_link: 'plink_1QxSpringSale',
        client_reference_id: uuid,
      })) as {
        warnings: string[];
        url: string;
      };
      expect(out.warnings).toEqual([]);
      expect(new URL(out.url).searchParams.get('client_reference_id')).toBe(uuid);
    },
  );

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

  it('an id of a link this account does not have: the one not-found answer every link input gives', async () => {
    nock(STRIPE_API)
      .get('/v1/payment_links/plink_1QxMissing0000')
      .reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'id',
          message: "No such payment_link: 'plink_1QxMissing0000'",
        },
      });
    const err = await caught(() => run({ payment_link: 'plink_1QxMissing0000' }));
    expect(err).toMatchObject({ name: 'AppError', code: 'payment_link_not_found' });
    expect(err.message).toMatch(
      /^Payment Link plink_1QxMissing0000 is not in the Stripe account this Zap is connected to\. Check test vs live mode/,
    );
  });
});
