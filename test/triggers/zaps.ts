import { randomBytes } from 'node:crypto';
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import { makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import type { Identity, ZapierRuntime } from '../runtime';
import { deliveryBundle, type DeliveryOptions } from './stripe-hook-helpers';

/**
 * Zaps on a connection, as Zapier runs them: each Zap that turns on an instant trigger gets its
 * own Stripe endpoint (its own id and signing secret, in `subscribeData`), and Stripe sends the
 * same event, with the same id, to every endpoint.
 */
export type HookTrigger =
  | 'checkout_session_completed'
  | 'checkout_payment_failed'
  | 'checkout_session_expired'
  | 'invoice_paid'
  | 'refund_updated'
  | 'dispute_created'
  | 'dispute_closed'
  | 'invoice_payment_failed'
  | 'subscription_canceled';

let endpoints = 0;

export class Zap {
  constructor(
    private runtime: ZapierRuntime,
    readonly trigger: HookTrigger,
    readonly zapId: string,
    readonly identity: Identity,
    readonly authData: Record<string, string>,
    readonly subscribeData: { id: string; secret: string; connect?: boolean },
    readonly inputData: Record<string, unknown>,
  ) {}

  bundle(event: object, options: DeliveryOptions = {}): Bundle {
    return deliveryBundle(event, {
      ...options,
      inputData: this.inputData,
      authData: this.authData,
      subscribeData: this.subscribeData,
      zapId: this.zapId,
    });
  }

  /** Zapier runs the hook's perform for this delivery (late, if asked). */
  deliver(event: object, options: DeliveryOptions = {}): Promise<Record<string, unknown>[]> {
    return this.runtime.run(
      `triggers.${this.trigger}.operation.perform`,
      this.bundle(event, options),
      {
        identity: this.identity,
        lateBySeconds: options.lateBySeconds,
      },
    );
  }
}

/** Turns a Zap on: Zapier calls performSubscribe, Stripe creates an endpoint with a new secret. */
export async function turnOnZap(
  runtime: ZapierRuntime,
  trigger: HookTrigger,
  options: {
    zapId: string;
    identity?: Identity;
    authData?: Record<string, string>;
    inputData?: Record<string, unknown>;
  },
): Promise<Zap> {
  const id = `we_1Zap${(endpoints += 1)}${randomBytes(4).toString('hex')}`;
  const secret = `whsec_${randomBytes(16).toString('hex')}`;
  const targetUrl = `https://hooks.zapier.com/hooks/standard/1/${options.zapId}/`;
  nock(STRIPE_API)
    .post('/v1/webhook_endpoints')
    .reply(200, (_uri, body) => {
      const form = new URLSearchParams(String(body));
      return {
        id,
        object: 'webhook_endpoint',
        api_version: form.get('api_version'),
        application: null,
        created: Math.floor(Date.now() / 1000),
        description: form.get('description'),
        enabled_events: [],
        livemode: false,
        metadata: {},
        secret,
        status: 'enabled',
        url: form.get('url'),
      };
    });
  const bundle = makeBundle({
    authData: options.authData,
    inputData: options.inputData ?? {},
    targetUrl,
    meta: { zap: { id: options.zapId } } as Partial<Bundle['meta']>,
  });
  const identity = options.identity ?? { user: 'user-1', auth: 'auth-1' };
  const subscribeData = await runtime.run<{ id: string; secret: string; connect?: boolean }>(
    `triggers.${trigger}.operation.performSubscribe`,
    bundle,
    { identity },
  );
  return new Zap(
    runtime,
    trigger,
    options.zapId,
    identity,
    bundle.authData,
    subscribeData,
    options.inputData ?? {},
  );
}

/** Stripe's answer to GET /v1/events/{id}: this event, or a 404 when `event` is null. */
export function stripeHasEvent(id: string, event: object | null, account?: string) {
  const scope = nock(STRIPE_API, account ? { reqheaders: { 'stripe-account': account } } : {}).get(
    `/v1/events/${id}`,
  );
  return event
    ? scope.reply(200, event)
    : scope.reply(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'id',
          message: `No such event: '${id}'`,
        },
      });
}

/**
 * The once-per-Zap rule: the first delivery fires; a re-delivery, another event about the same
 * object and a late replay fire nothing and call nothing; another Zap fires its own record.
 */
export async function expectOncePerZap(zap: Zap, other: Zap, event: object, sameObject: object) {
  expect(await zap.deliver(event)).toHaveLength(1);
  const unmatched = recordUnmatched();
  expect(await zap.deliver(event)).toEqual([]);
  expect(await zap.deliver(sameObject)).toEqual([]);
  expect(await zap.deliver(event, { lateBySeconds: 900 })).toEqual([]);
  unmatched.stop();
  expect(unmatched.urls).toEqual([]);
  expect(await other.deliver(event)).toHaveLength(1);
}
