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

/**
 * Stripe's `GET /v1/payment_links/{id}`: the links given (by id), and Stripe's own 404 for any
 * other id (a link of another account or mode). Persisted; `calls` lists the ids read.
 */
export function retrievePaymentLinks(links: { id: string }[]): { calls: string[] } {
  const calls: string[] = [];
  nock(STRIPE_API)
    .persist()
    .get(/^\/v1\/payment_links\/[^/]+$/)
    .query(true)
    .reply((uri) => {
      const id = decodeURIComponent(uri.split('?')[0].split('/').pop() ?? '');
      calls.push(id);
      const link = links.find((l) => l.id === id);
      if (link) return [200, link];
      return [
        404,
        {
          error: {
            type: 'invalid_request_error',
            code: 'resource_missing',
            param: 'id',
            message: `No such payment_link: '${id}'`,
          },
        },
      ];
    });
  return { calls };
}
