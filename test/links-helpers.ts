import nock from 'nock';
import { STRIPE_API } from './helpers';

/**
 * Stripe's payment-link list, one page each for `active=true` and `active=false` (the order a
 * pasted URL is looked up in). Persisted: a cached or repeated lookup may read it again.
 */
export function listPaymentLinks(lists: { active?: object[]; inactive?: object[] }): nock.Scope {
  const page = (data: object[]) => ({
    object: 'list',
    data,
    has_more: false,
    url: '/v1/payment_links',
  });
  return nock(STRIPE_API)
    .persist()
    .get('/v1/payment_links')
    .query({ active: 'true', limit: '100' })
    .reply(200, page(lists.active ?? []))
    .get('/v1/payment_links')
    .query({ active: 'false', limit: '100' })
    .reply(200, page(lists.inactive ?? []));
}
