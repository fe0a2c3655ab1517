import nock from 'nock';
import App from '../../index';
import session from '../fixtures/foundation/checkout_session.json';
import { countRequests, makeBundle, STRIPE_API } from '../helpers';
import { useRuntime, type ZapierRuntime } from '../runtime';
import { eventOf, sessionReadReply, sampleKeys } from './stripe-hook-helpers';

const runtime = useRuntime();
const PERFORM = 'triggers.checkout_session_completed_polling.operation.perform';
const { line_items: lineItems, ...webhookSession } = session;
let n = 0;
const at = (created: number, over: Record<string, unknown> = {}) => ({
  ...webhookSession,
  id: `cs_test_poll${(n += 1)}`,
  created,
  ...over,
});
const event = (type: string, s: { id: string; created: number }) =>
  eventOf(type, s, `evt_1QxPoll${(n += 1)}`, { created: s.created + 5 });
const eventsPage = (events: object[], headers: Record<string, string> = {}) =>
  nock(STRIPE_API, { reqheaders: headers })
    .get('/v1/events')
    .query({
      'types[0]': 'checkout.session.completed',
      'types[1]': 'checkout.session.async_payment_succeeded',
      limit: 100,
    })
    .reply(200, { object: 'list', data: events, has_more: false, url: '/v1/events' });

/** Zapier's polling dedupe: the first poll only records what it sees; later polls fire new ids. */
function zapierPolls(rt: ZapierRuntime, inputData: Record<string, unknown> = {}, authData = {}) {
  const seen = new Set<string>();
  let first = true;
  return async () => {
    const records = await rt.run<{ id: string }[]>(PERFORM, makeBundle({ inputData, authData }));
    const fresh = records.filter((r) => !seen.has(r.id));
    records.forEach((r) => seen.add(r.id));
    const fired = first ? [] : fresh;
    first = false;
    return { records, fired };
  };
}

describe('checkout_session_completed_polling', () => {
  it('reads paid orders from the Events list, newest first, one record per session', async () => {
    const card = at(300);
    const bank = at(200, { payment_status: 'paid' });
    const unpaidBank = { ...bank, payment_status: 'unpaid' };
    const setup = at(100, { mode: 'setup', payment_status: 'no_payment_required' });
    eventsPage([
      event('checkout.session.completed', card),
      event('checkout.session.async_payment_succeeded', bank),
      event('checkout.session.completed', setup),
      event('checkout.session.completed', unpaidBank),
    ]);
    sessionReadReply(card);
    sessionReadReply(bank);
    const out = await runtime().run<{ id: string; line_items_count: number }[]>(PERFORM);
    expect(out.map((o) => [o.id, o.line_items_count])).toEqual([
      [card.id, 2],
      [bank.id, 2],
    ]);
  });

  it('keeps to the selected Payment Links', async () => {
    const mine = at(300);
    const other = at(200, { payment_link: 'plink_1QxOther' });
    eventsPage([
      event('checkout.session.completed', mine),
      event('checkout.session.completed', other),
    ]);
    sessionReadReply(mine);
    const out = await runtime().run<{ id: string }[]>(
      PERFORM,
      makeBundle({ inputData: { payment_links: ['plink_1QxSpringSale'] } }),
    );
    expect(out.map((o) => o.id)).toEqual([mine.id]);
  });

  it('fires each order once per Zap, and a later poll costs one call', async () => {
    const old = at(100);
    const poll = zapierPolls(runtime());
    eventsPage([event('checkout.session.completed', old)]);
    sessionReadReply(old);
    expect((await poll()).fired).toEqual([]);

    const fresh = at(200);
    const page = eventsPage([
      event('checkout.session.completed', fresh),
      event('checkout.session.completed', old),
    ]);
    const calls = countRequests(page, sessionReadReply(fresh));
    expect((await poll()).fired.map((r) => r.id)).toEqual([fresh.id]);
    expect(calls()).toBe(2);

    const again = countRequests(
      eventsPage([
        event('checkout.session.completed', fresh),
        event('checkout.session.completed', old),
      ]),
    );
    expect((await poll()).fired).toEqual([]);
    expect(again()).toBe(1);
  });

  it('on Connect, reads the connected account’s events and line items', async () => {
    const s = at(100);
    const headers = { 'stripe-account': 'acct_1ConnectedShop' };
    eventsPage([event('checkout.session.completed', s)], headers);
    nock(STRIPE_API, { reqheaders: headers })
      .get(`/v1/checkout/sessions/${s.id}`)
      .query(true)
      .reply(200, { ...s, line_items: lineItems });
    const out = await runtime().run<
      { id: string; dashboard_url: string; line_items_status: string }[]
    >(PERFORM, makeBundle({ authData: { stripe_account: 'acct_1ConnectedShop' } }));
    expect(out.map((o) => o.id)).toEqual([s.id]);
    expect(out[0].dashboard_url).toContain('/acct_1ConnectedShop/');
    expect(out[0].line_items_status).toBe('complete');
  });

  it('still returns an order whose line items fail, and reads them again next poll', async () => {
    const s = at(100);
    eventsPage([event('checkout.session.completed', s)]);
    nock(STRIPE_API)
      .get(`/v1/checkout/sessions/${s.id}`)
      .query(true)
      .times(2)
      .reply(503, { error: { type: 'api_error', message: 'Service unavailable' } });
    const [first] = await runtime().run<{ line_items_status: string }[]>(PERFORM);
    expect(first.line_items_status).toBe('unavailable');
    eventsPage([event('checkout.session.completed', s)]);
    sessionReadReply(s);
    const [second] = await runtime().run<{ line_items_status: string }[]>(PERFORM);
    expect(second.line_items_status).toBe('complete');
  });

  it('paces a first poll of many orders to a test key’s 25 requests/s for the whole account', async () => {
    const sessions = Array.from({ length: 40 }, (_, i) => at(1000 - i));
    eventsPage(sessions.map((s) => event('checkout.session.completed', s)));
    const times: number[] = [];
    for (const s of sessions)
      nock(STRIPE_API)
        .get(`/v1/checkout/sessions/${s.id}`)
        .query(true)
        .reply(() => (times.push(Date.now()), [200, { ...s, line_items: session.line_items }]));
    const out = await runtime().run<{ line_items_status: string }[]>(PERFORM);
    expect(out.filter((o) => o.line_items_status === 'complete')).toHaveLength(40);
    const busiest = Math.max(
      ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length),
    );
    expect(busiest).toBeLessThanOrEqual(25);
  });

  it('with a key without Balance: read, a poll of several orders makes one refused request; the next poll asks again', async () => {
    const refusal = {
      error: {
        message:
          "The provided key 'rk_test_***' does not have the required permissions for this endpoint on account 'acct_1Nv0FGQ9RKHgCVdK'. Having the 'rak_balance_transaction_read' permission would allow this request to continue.",
        type: 'invalid_request_error',
      },
    };
    const withFees = (q: object) =>
      Object.values(q).includes('payment_intent.latest_charge.balance_transaction');
    const refused = nock(STRIPE_API)
      .get(/\/v1\/checkout\/sessions\/cs_test_poll\d+$/)
      .query(withFees)
      .times(2)
      .reply(403, refusal);
    const refusals = countRequests(refused);
    const poll = async (count: number) => {
      const sessions = Array.from({ length: count }, (_, i) => at(2000 - i));
      eventsPage(sessions.map((s) => event('checkout.session.completed', s)));
      for (const s of sessions)
        nock(STRIPE_API)
          .get(`/v1/checkout/sessions/${s.id}`)
          .query((q) => !withFees(q))
          .reply(200, { ...s, line_items: session.line_items });
      return runtime().run<{ line_items_status: string; fee_decimal: string | null }[]>(PERFORM);
    };

    const first = await poll(5);
    expect(first.map((o) => [o.line_items_status, o.fee_decimal])).toEqual(
      Array(5).fill(['complete', null]),
    );
    expect(refusals()).toBe(1);
    await poll(3);
    expect(refusals()).toBe(2);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('shares the instant trigger’s record: every sample key is a labelled output field', () => {
    const op = App.triggers.checkout_session_completed_polling.operation;
    const declared = new Set((op.outputFields as { key: string }[]).map((f) => f.key));
    for (const key of sampleKeys(op.sample as Record<string, unknown>))
      expect(declared).toContain(key);
  });
});
