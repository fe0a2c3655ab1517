import nock from 'nock';
import { STRIPE_API } from '../helpers';

/** One request as it reached the wire: method, path, form body and the headers that matter. */
export type WireRequest = {
  method: string;
  path: string;
  query: string;
  form: Record<string, string>;
  account: string | undefined;
  idempotencyKey: string | undefined;
};

/**
 * Answers `method path` on Stripe with `reply` (any number of times) and records each request,
 * so a test can say which calls went out with or without the Stripe-Account header. `options`
 * narrows the match (e.g. `reqheaders` / `badheaders` for that header).
 */
export function stripeReplies(
  wire: WireRequest[],
  method: 'get' | 'post',
  path: string | RegExp,
  reply: object | ((form: Record<string, string>) => object),
  status = 200,
  options: nock.Options = {},
): nock.Scope {
  return nock(STRIPE_API, options)
    .intercept(path, method.toUpperCase(), () => true)
    .query(true)
    .times(20)
    .reply(function (uri, body) {
      const raw = typeof body === 'string' ? body : '';
      const form = Object.fromEntries(new URLSearchParams(raw));
      wire.push({
        method: method.toUpperCase(),
        path: uri.split('?')[0],
        query: uri.split('?')[1] ?? '',
        form,
        account: this.req.headers['stripe-account'] as string | undefined,
        idempotencyKey: this.req.headers['idempotency-key'] as string | undefined,
      });
      return [status, typeof reply === 'function' ? reply(form) : reply];
    });
}
