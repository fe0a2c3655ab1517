import nock from 'nock';
import Stripe from 'stripe';
import type { Bundle } from 'zapier-platform-core';
import { makeBundle, STRIPE_API } from '../helpers';
import checkoutSession from '../fixtures/foundation/checkout_session.json';

export const SIGNING_SECRET = 'whsec_test_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d';
export const ENDPOINT_ID = 'we_1QxLumenHook';

/** A Stripe event envelope as delivered to the endpoint (API version pinned like ours). */
export function eventOf(
  type: string,
  object: object,
  id: string,
  extra: { account?: string; created?: number } = {},
): Stripe.Event {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    ...extra,
  } as unknown as Stripe.Event;
}

export interface DeliveryOptions {
  /** Sign with another secret (a forged request, or a secret rolled in the Dashboard). */
  secret?: string;
  header?: string | null;
  /** How long before the run Stripe signed it (Zapier held or throttled the run). */
  lateBySeconds?: number;
  inputData?: Record<string, unknown>;
  body?: string;
}

/** The bundle Zapier builds for a delivery: raw body, renamed headers, the stored secret. */
export function deliveryBundle(
  event: object,
  options: DeliveryOptions & {
    subscribeData?: { id: string; secret: string; connect?: boolean };
    authData?: Record<string, string>;
    zapId?: string;
  } = {},
) {
  const subscribeData = options.subscribeData ?? { id: ENDPOINT_ID, secret: SIGNING_SECRET };
  const content = options.body ?? JSON.stringify(event);
  const header =
    options.header === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload: content,
          secret: options.secret ?? subscribeData.secret,
          timestamp: Math.floor(Date.now() / 1000) - (options.lateBySeconds ?? 0),
        })
      : options.header;
  return makeBundle({
    authData: options.authData,
    inputData: options.inputData ?? {},
    subscribeData: subscribeData as { id: string },
    ...(options.zapId ? { meta: { zap: { id: options.zapId } } as Partial<Bundle['meta']> } : {}),
    rawRequest: {
      method: 'POST',
      querystring: '',
      headers: {
        'Content-Type': 'application/json',
        ...(header === null ? {} : { 'Http-Stripe-Signature': header }),
      },
      content,
    },
    cleanedRequest: JSON.parse(content),
  });
}

/** Every key of a sample, as Zapier names nested ones (`line_items[]description`, `metadata__x` aside). */
export function sampleKeys(sample: Record<string, unknown>): string[] {
  return Object.entries(sample).flatMap(([key, value]) => {
    if (Array.isArray(value) && value.length && typeof value[0] === 'object') {
      return Object.keys(value[0] as object).map((k) => `${key}[]${k}`);
    }
    return [key];
  });
}

/**
 * Stripe answers the one call an order costs: the session retrieved with its line items (the
 * fixture's two), link and charge expanded. Given a session, it echoes that session.
 */
export function sessionReadReply(session: string | { id: string }, times = 1) {
  const base = typeof session === 'string' ? { ...checkoutSession, id: session } : session;
  return nock(STRIPE_API)
    .get(`/v1/checkout/sessions/${base.id}`)
    .query(true)
    .times(times)
    .reply(200, { ...base, line_items: checkoutSession.line_items });
}
