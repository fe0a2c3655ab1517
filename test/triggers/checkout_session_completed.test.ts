import nock from 'nock';
import App from '../../index';
import session from '../fixtures/foundation/checkout_session.json';
import { useRuntime } from '../runtime';
import { caught, countRequests, makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import {
  deliveryBundle,
  ENDPOINT_ID,
  eventOf,
  sampleKeys,
  SIGNING_SECRET,
  sessionReadReply,
} from './stripe-hook-helpers';

const trigger = App.triggers.checkout_session_completed;
const runtime = useRuntime();
const webhookSession = { ...session, line_items: undefined };
let n = 0;
const newEventId = () => `evt_1QxTest${(n += 1)}${Date.now()}`;
const sessionWith = (over: Record<string, unknown>) => ({
  ...webhookSession,
  id: `cs_test_${Date.now()}${(n += 1)}abcdefghij`,
  ...over,
});

describe('checkout_session_completed: deliveries', () => {
  it('fires one flat order for a paid completion, for one Stripe call', async () => {
    const s = sessionWith({});
    const calls = countRequests(sessionReadReply(s));
    const out = await runtime().run(
      'triggers.checkout_session_completed.operation.perform',
      deliveryBundle(eventOf('checkout.session.completed', s, newEventId())),
    );
    expect(out).toEqual([
      expect.objectContaining({
        id: s.id,
        amount_total_decimal: '48.60',
        customer_email: 'ada@example.com',
        line_items_count: 2,
      }),
    ]);
    expect(calls()).toBe(1);
  });

  it('does not fire for a completed but unpaid session (delayed payment), and calls nothing', async () => {
    const unmatched = recordUnmatched();
    const out = await runtime().run(
      'triggers.checkout_session_completed.operation.perform',
      deliveryBundle(
        eventOf(
          'checkout.session.completed',
          sessionWith({ payment_status: 'unpaid' }),
          newEventId(),
        ),
      ),
    );
    unmatched.stop();
    expect(out).toEqual([]);
    expect(unmatched.urls).toEqual([]);
  });

  it('fires when the delayed payment succeeds, once, even if Stripe delivers it twice', async () => {
    const s = sessionWith({ payment_status: 'paid' });
    const event = eventOf('checkout.session.async_payment_succeeded', s, newEventId());
    const calls = countRequests(sessionReadReply(s));
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(event),
      ),
    ).toHaveLength(1);
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(event),
      ),
    ).toEqual([]);
    expect(calls()).toBe(1);
  });

  it('fires once per order even when two different events describe it', async () => {
    const s = sessionWith({});
    sessionReadReply(s);
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.completed', s, newEventId())),
      ),
    ).toHaveLength(1);
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.async_payment_succeeded', s, newEventId())),
      ),
    ).toEqual([]);
  });

  it('fires for a free order (no payment required)', async () => {
    const s = sessionWith({
      payment_status: 'no_payment_required',
      amount_total: 0,
      payment_intent: null,
    });
    sessionReadReply(s);
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.completed', s, newEventId())),
      ),
    ).toHaveLength(1);
  });

  it.each([
    ['no signature header', { header: null }],
    ['a malformed header', { header: 'garbage' }],
  ])('emits nothing and calls nothing for %s', async (_name, options) => {
    const unmatched = recordUnmatched();
    const out = await runtime().run(
      'triggers.checkout_session_completed.operation.perform',
      deliveryBundle(eventOf('checkout.session.completed', sessionWith({}), newEventId()), options),
    );
    unmatched.stop();
    expect(out).toEqual([]);
    expect(unmatched.urls).toEqual([]);
  });

  it('emits nothing for a tampered body signed for the original', async () => {
    const event = eventOf('checkout.session.completed', sessionWith({}), newEventId());
    const original = deliveryBundle(event);
    const tampered = {
      ...original,
      rawRequest: {
        ...original.rawRequest,
        content: original.rawRequest!.content!.replace('4860', '1'),
      },
    };
    expect(
      await runtime().run('triggers.checkout_session_completed.operation.perform', tampered),
    ).toEqual([]);
  });

  it('fires only for the selected Payment Links', async () => {
    const other = sessionWith({ payment_link: 'plink_1QxOtherLink' });
    const noLink = sessionWith({ payment_link: null });
    const inputData = { payment_links: ['plink_1QxSpringSale'] };
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.completed', other, newEventId()), { inputData }),
      ),
    ).toEqual([]);
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.completed', noLink, newEventId()), { inputData }),
      ),
    ).toEqual([]);
    const mine = sessionWith({});
    sessionReadReply(mine);
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.completed', mine, newEventId()), { inputData }),
      ),
    ).toHaveLength(1);
  });

  it('without a filter, fires for sessions that did not come from a Payment Link', async () => {
    const s = sessionWith({ payment_link: null });
    sessionReadReply(s);
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.completed', s, newEventId())),
      ),
    ).toHaveLength(1);
  });

  it('ignores events it did not subscribe to', async () => {
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.perform',
        deliveryBundle(eventOf('checkout.session.expired', sessionWith({}), newEventId())),
      ),
    ).toEqual([]);
  });
});

describe('checkout_session_completed: subscribe and unsubscribe', () => {
  const targetUrl = 'https://hooks.zapier.com/hooks/standard/123/abc/';

  it('creates an endpoint for both events with our API version and returns its id and secret', async () => {
    let body = '';
    nock(STRIPE_API)
      .post('/v1/webhook_endpoints', (b) => ((body = new URLSearchParams(b).toString()), true))
      .reply(200, {
        id: ENDPOINT_ID,
        object: 'webhook_endpoint',
        secret: SIGNING_SECRET,
        url: targetUrl,
        status: 'enabled',
        enabled_events: [],
      });
    const out = await runtime().run(
      'triggers.checkout_session_completed.operation.performSubscribe',
      makeBundle({ targetUrl }),
    );
    expect(out).toEqual({ id: ENDPOINT_ID, secret: SIGNING_SECRET });
    const form = new URLSearchParams(body);
    expect(form.get('url')).toBe(targetUrl);
    expect(form.getAll('enabled_events[0]').concat(form.getAll('enabled_events[1]'))).toEqual([
      'checkout.session.completed',
      'checkout.session.async_payment_succeeded',
    ]);
    expect(form.get('api_version')).toBe('2026-10-28.endive');
    expect(form.get('description')).toMatch(
      /Stripe Payment Links for Zapier: checkout_session_completed/,
    );
  });

  it('says how to free a slot when the account has too many endpoints', async () => {
    nock(STRIPE_API)
      .post('/v1/webhook_endpoints')
      .reply(400, {
        error: {
          type: 'invalid_request_error',
          message: 'You have reached the maximum of 16 test webhook endpoints.',
        },
      });
    const error = await caught(() =>
      runtime().run(
        'triggers.checkout_session_completed.operation.performSubscribe',
        makeBundle({ targetUrl }),
      ),
    );
    expect(error).toMatchObject({
      code: 'too_many_webhook_endpoints',
      message: expect.stringMatching(/Developers → Webhooks/),
    });
  });

  it('deletes the endpoint, and treats one already deleted as done', async () => {
    nock(STRIPE_API)
      .delete(`/v1/webhook_endpoints/${ENDPOINT_ID}`)
      .reply(200, { id: ENDPOINT_ID, object: 'webhook_endpoint', deleted: true });
    const bundle = makeBundle({
      subscribeData: { id: ENDPOINT_ID, secret: SIGNING_SECRET } as { id: string },
    });
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.performUnsubscribe',
        bundle,
      ),
    ).toEqual({ deleted: true });
    nock(STRIPE_API)
      .delete(`/v1/webhook_endpoints/${ENDPOINT_ID}`)
      .reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such webhook endpoint: '${ENDPOINT_ID}'`,
        },
      });
    expect(
      await runtime().run(
        'triggers.checkout_session_completed.operation.performUnsubscribe',
        bundle,
      ),
    ).toEqual({ deleted: false });
  });
});

describe('checkout_session_completed: sample data (performList)', () => {
  const list = (data: object[]) => ({
    object: 'list',
    data,
    has_more: false,
    url: '/v1/checkout/sessions',
  });

  // Listed with ORDER_LIST_EXPAND: items, link and charge come expanded, so no further call.
  const listed = {
    ...session,
    payment_link: {
      id: 'plink_1QxSpringSale',
      object: 'payment_link',
      url: 'https://buy.stripe.com/test_28o5lumen',
    },
    payment_intent: {
      id: 'pi_3QxLumenPaid01',
      object: 'payment_intent',
      latest_charge: {
        id: 'ch_3QxLumenPaid01',
        object: 'charge',
        receipt_url: 'https://pay.stripe.com/receipts/payment/lumen01',
      },
    },
  };

  it('lists the newest paid sessions with their line items, in the same shape', async () => {
    const unpaid = {
      ...listed,
      id: 'cs_test_unpaid0000000001',
      payment_status: 'unpaid',
      created: session.created + 10,
    };
    const scope = nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query({
        status: 'complete',
        limit: 3,
        'expand[0]': 'data.line_items',
        'expand[1]': 'data.payment_link',
        'expand[2]': 'data.payment_intent.latest_charge.balance_transaction',
      })
      .reply(200, list([unpaid, listed]));
    const calls = countRequests(scope);
    const out = (await runtime().run(
      'triggers.checkout_session_completed.operation.performList',
      makeBundle({ meta: { limit: 3 } }),
    )) as {
      id: string;
    }[];
    expect(out.map((o) => o.id)).toEqual([session.id]);
    expect(out[0]).toEqual(
      expect.objectContaining({
        line_items_count: 2,
        line_items_summary: '2 × Art print (A4), 1 × Gift wrap',
        payment_link_url: 'https://buy.stripe.com/test_28o5lumen',
        receipt_url: 'https://pay.stripe.com/receipts/payment/lumen01',
      }),
    );
    expect(calls()).toBe(1);
  });

  it('lists per selected link and merges newest first', async () => {
    const a = {
      ...listed,
      id: 'cs_test_aaaaaaaaaaaaaaaaaa',
      created: 100,
      payment_link: {
        id: 'plink_1QxA00000000',
        object: 'payment_link',
        url: 'https://buy.stripe.com/a',
      },
    };
    const b = {
      ...listed,
      id: 'cs_test_bbbbbbbbbbbbbbbbbb',
      created: 200,
      payment_link: {
        id: 'plink_1QxB00000000',
        object: 'payment_link',
        url: 'https://buy.stripe.com/b',
      },
    };
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query((q) => q.payment_link === 'plink_1QxA00000000')
      .reply(200, list([a]));
    nock(STRIPE_API)
      .get('/v1/checkout/sessions')
      .query((q) => q.payment_link === 'plink_1QxB00000000')
      .reply(200, list([b]));
    const bundle = makeBundle({
      inputData: { payment_links: ['plink_1QxA00000000', 'plink_1QxB00000000'] },
    });
    const out = (await runtime().run(
      'triggers.checkout_session_completed.operation.performList',
      bundle,
    )) as { id: string }[];
    expect(out.map((o) => o.id)).toEqual([b.id, a.id]);
  });
});

describe('checkout_session_completed: definition', () => {
  it('declares every sample key as a labelled output field', () => {
    const declared = new Map(
      (trigger.operation.outputFields as { key: string; label?: string }[]).map((f) => [
        f.key,
        f.label,
      ]),
    );
    for (const key of sampleKeys(trigger.operation.sample as Record<string, unknown>)) {
      expect([key, declared.get(key)]).toEqual([key, expect.any(String)]);
    }
  });
});
