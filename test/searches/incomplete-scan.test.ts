import nock from 'nock';
import { checkListQuery } from '../../bench/fake-session-list';
import session from '../fixtures/foundation/checkout_session.json';
import { STRIPE_API, caught, operationRunner } from '../helpers';

// A short scan budget stands in for Zapier's 30 s, so that running out of time takes a second.
jest.mock('../../lib/sessions/scan', () => ({
  ...jest.requireActual<object>('../../lib/sessions/scan'),
  SCAN_BUDGET_MS: 1000,
}));

const NOW = Math.floor(Date.now() / 1000);

/**
 * Every page is full and has more, 100 ms away: no scan of 30–90 days can finish in 1 s. What
 * Stripe refuses is refused.
 */
function serveEndlessSessions() {
  let n = 0;
  nock(STRIPE_API)
    .persist()
    .get('/v1/checkout/sessions')
    .query(true)
    .delay(100)
    .reply((uri) => {
      const q = Object.fromEntries(new URL(uri, STRIPE_API).searchParams);
      const refused = checkListQuery(q);
      if (refused) return [400, refused];
      const hi = Number(q['created[lt]']) - 1;
      const data = Array.from({ length: 100 }, () => ({
        ...session,
        id: `cs_test_endless${String((n += 1)).padStart(8, '0')}`,
        created: Math.max(Number(q['created[gte]']), hi - Math.floor(n / 100)),
        client_reference_id: `order-${n}`,
      }));
      return [200, { object: 'list', data, has_more: true, url: '/v1/checkout/sessions' }];
    });
}

/** Our message: core appends "What happened: …" to a HaltedError (the Zap history shows 250 characters). */
const firstPart = (message: string) => message.split('\nWhat happened')[0];

describe('a scan that runs out of time', () => {
  it('find_checkout_session stops halted (does not count toward turning the Zap off) and says how far it got', async () => {
    serveEndlessSessions();
    const run = operationRunner('searches', 'find_checkout_session');
    const err = await caught(() => run({ client_reference_id: 'order-not-there' }));
    expect(err.name).toBe('HaltedError');
    const message = firstPart(err.message);
    expect(message).toMatch(
      /^Not found yet, search stopped at the time limit: [\d,]+ sessions checked, complete back to .* UTC of the account's first session\. To narrow it, choose the Payment Link, or set Created After nearer the order date\.$/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it('payment_link_metrics stops halted too, asking for a shorter period', async () => {
    serveEndlessSessions();
    const run = operationRunner('searches', 'payment_link_metrics');
    const err = await caught(() =>
      run({
        payment_link: 'plink_1QxSpringSale',
        created_after: new Date((NOW - 30 * 86_400) * 1000).toISOString(),
      }),
    );
    expect(err.name).toBe('HaltedError');
    const message = firstPart(err.message);
    expect(message).toMatch(
      /^Too many sessions to total within the time limit: [\d,]+ counted, .* Choose a shorter period/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
  });
});
