import nock from 'nock';
import { checkListQuery } from '../bench/fake-session-list';
import session from './fixtures/foundation/checkout_session.json';
import { STRIPE_API } from './helpers';

/**
 * A sessions list no scan can finish: every page is full and has more, 100 ms away (each
 * `client_reference_id` unique). What Stripe refuses is refused.
 */
export function serveEndlessSessions(): void {
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
