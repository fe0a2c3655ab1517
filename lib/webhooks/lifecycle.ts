import type Stripe from 'stripe';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache } from '../cache';
import { APP_NAME } from '../version';
import {
  connectedAccount,
  platformStripeClient,
  stripeApiVersion,
  stripeClient,
  type StripeClient,
} from '../stripe/client';
import { isStripeError, mapStripeErrors } from '../stripe/errors';
import { confirmEvent, parseEvent } from './events';
import { findSignatureHeader, verifyStripeSignature } from './signature';

/**
 * The one webhook lifecycle every instant trigger shares: create the Stripe endpoint, keep its
 * signing secret, verify each delivery, fire each order once per Zap, delete the endpoint. A
 * trigger only names its events, picks what fires, and turns it into records.
 */
export interface SubscribeData {
  id: string;
  secret: string;
  /** A Connect endpoint on the platform (the connection acts for a connected account). */
  connect?: boolean;
}

/** What a trigger decides about an event, before any API call. */
export interface Selection<O> {
  object: O;
  /** Fires at most once per subscription (Zap) for this key, e.g. `order:<cs_…>`. */
  onceKey: string;
}

export interface StripeHook<O, T> {
  key: string;
  events: Stripe.WebhookEndpointCreateParams.EnabledEvent[];
  /** Pure: the object to emit and its once-key, or null to not fire. */
  select: (event: Stripe.Event, bundle: Bundle) => Selection<O> | null;
  /**
   * Turns the selected object into records. Runs after Zapier has acknowledged the webhook, so
   * a failed lookup must degrade the record, never throw or drop it.
   */
  build: (z: ZObject, bundle: Bundle, object: O, stripe: () => StripeClient) => Promise<T[]>;
}

/** Stripe retries a delivery for up to 3 days: once-keys are kept at least that long. */
export const ONCE_TTL_SECONDS = 3 * 24 * 60 * 60;
/** After a delivery that Stripe did not confirm, unsigned deliveries skip the lookup this long. */
export const UNVERIFIED_COOLDOWN_SECONDS = 60;
/** Short Stripe calls for hooks: a lookup and its one retry fit twice in a 30 s step. */
const HOOK_STRIPE = { timeout: 6_000, maxNetworkRetries: 1 };

export const ROLLED_SECRET_NOTICE =
  'This delivery was not signed with the secret Zapier stored for this Zap (was the signing secret rolled in the Stripe Dashboard?). It was verified with Stripe instead. Turn the Zap off and on again to store the new secret.';

const TOO_MANY_ENDPOINTS =
  /maximum (number )?(of )?\d*\s*(test |live )?webhook endpoints|too many webhook endpoints/i;

export function subscribeHook<O, T>(hook: StripeHook<O, T>) {
  return async (z: ZObject, bundle: Bundle): Promise<SubscribeData> => {
    const connect = connectedAccount(bundle.authData) !== null;
    // Endpoints live on the platform: Stripe refuses them with a Stripe-Account header.
    const stripe = platformStripeClient(z, bundle.authData);
    const endpoint = await mapStripeErrors(z, async () => {
      try {
        return await stripe.webhookEndpoints.create({
          url: String(bundle.targetUrl),
          enabled_events: hook.events,
          api_version: stripeApiVersion(),
          ...(connect ? { connect: true } : {}),
          description: `${APP_NAME}: ${hook.key} (created by Zapier; deleted when the Zap is turned off)`,
          metadata: { created_by: 'zapier', trigger: hook.key },
        });
      } catch (err) {
        if (isStripeError(err) && TOO_MANY_ENDPOINTS.test(err.message)) {
          throw new z.errors.Error(
            'Stripe allows at most 16 webhook endpoints per account and this one is full. Delete an unused endpoint (Developers → Webhooks), or use the polling trigger "Checkout Session Completed (Payment Link, Polling)".',
            'too_many_webhook_endpoints',
            400,
          );
        }
        throw err;
      }
    });
    return { id: endpoint.id, secret: endpoint.secret ?? '', ...(connect ? { connect } : {}) };
  };
}

export function unsubscribeHook() {
  return async (z: ZObject, bundle: Bundle): Promise<{ deleted: boolean }> => {
    const data = bundle.subscribeData as Partial<SubscribeData> | undefined;
    if (!data?.id) return { deleted: false };
    // Endpoints live on the platform: Stripe refuses them with a Stripe-Account header.
    const stripe = platformStripeClient(z, bundle.authData);
    return mapStripeErrors(z, async () => {
      try {
        await stripe.webhookEndpoints.del(data.id as string);
        return { deleted: true };
      } catch (err) {
        // Already gone (deleted by hand in the Dashboard): the Zap can still be turned off.
        if (isStripeError(err) && (err.statusCode === 404 || err.code === 'resource_missing'))
          return { deleted: false };
        throw err;
      }
    });
  };
}

/** The subscription a delivery belongs to: its endpoint, else the Zap. Once-keys live under it. */
function subscriptionOf(bundle: Bundle): { id: string; secret: string } {
  const data = (bundle.subscribeData ?? {}) as Partial<SubscribeData>;
  const zap = (bundle.meta as { zap?: { id?: unknown } } | undefined)?.zap?.id;
  return { id: String(data.id || zap || 'unknown'), secret: data.secret ?? '' };
}

/**
 * One delivery: verify, pick, fire once per Zap. The rules, in order:
 * - a bad or missing signature header, or a body that is not a Stripe event: nothing fires;
 * - an event of another Stripe account than the connection's (Connect): nothing fires;
 * - a valid signature outside the 5-minute window (a late run, or a replay): Stripe is asked
 *   (GET /v1/events/{id}); confirmed → fires, denied → replay, unreachable → fires (logged);
 * - a signature that does not match (forged, or a rolled secret): fires only from Stripe's own
 *   copy of the event, with a notice; denied or unreachable → nothing fires, and for a minute
 *   further unsigned deliveries are dropped without a lookup (no flood of Stripe calls);
 * - the once-key is checked before any lookup, claimed (nx) after the records are built; a claim
 *   the cache could not record fires anyway (logged): twice beats never.
 */
export function receiveHook<O, T>(
  hook: StripeHook<O, T>,
  now: () => number = () => Math.floor(Date.now() / 1000),
) {
  return async (z: ZObject, bundle: Bundle): Promise<T[]> => {
    const log = (message: string) => z.console.log(`Stripe webhook (${hook.key}): ${message}`);
    const subscription = subscriptionOf(bundle);
    const raw = bundle.rawRequest;
    const payload = typeof raw?.content === 'string' ? raw.content : '';
    const check = verifyStripeSignature(
      payload,
      findSignatureHeader(raw?.headers),
      subscription.secret,
      now(),
    );
    if (!check.ok && check.kind === 'malformed') {
      log(`rejected: ${check.reason}. Nothing fired.`);
      return [];
    }
    const delivered = parseEvent(payload);
    if (!delivered) {
      log('rejected: the body is not a Stripe event. Nothing fired.');
      return [];
    }
    if (!(hook.events as string[]).includes(delivered.type)) return [];
    const account = connectedAccount(bundle.authData);
    if ((delivered.account ?? null) !== account) {
      log(
        `${delivered.id} belongs to ${delivered.account ?? 'the platform account'}, not to this connection's ${account ?? 'account'}. Nothing fired.`,
      );
      return [];
    }
    const first = hook.select(delivered, bundle);
    if (!first) return [];
    const cache = connectionCache(z);
    const onceKeyOf = (s: Selection<O>) => `hook:${subscription.id}:${s.onceKey}`;
    if ((await cache.get(onceKeyOf(first))) !== null) {
      log(`${delivered.id} (${delivered.type}): ${first.onceKey} already fired for this Zap.`);
      return [];
    }
    let client: StripeClient | undefined;
    const stripe = () => (client ??= stripeClient(z, bundle.authData, HOOK_STRIPE));

    let selection = first;
    let notice: string | null = null;
    if (!check.ok) {
      const cooldownKey = `hook:${subscription.id}:unverified-cooldown`;
      if (check.kind === 'mismatch' && (await cache.get(cooldownKey)) !== null) {
        log(`rejected ${delivered.id}: ${check.reason}; not looked up (cooling down).`);
        return [];
      }
      const confirmation = await confirmEvent(stripe(), delivered);
      if (confirmation.status === 'denied') {
        if (check.kind === 'mismatch')
          await cache.set(cooldownKey, now(), UNVERIFIED_COOLDOWN_SECONDS);
        log(`rejected ${delivered.id}: ${check.reason}, and Stripe ${confirmation.reason}.`);
        return [];
      }
      if (confirmation.status === 'unreachable') {
        if (check.kind === 'mismatch') {
          log(`rejected ${delivered.id}: ${check.reason}; Stripe ${confirmation.reason}.`);
          return [];
        }
        log(`${delivered.id}: ${check.reason}; Stripe ${confirmation.reason}. Firing anyway.`);
      } else if (check.kind === 'mismatch') {
        const trusted = hook.select(confirmation.event, bundle);
        if (!trusted) return [];
        selection = trusted;
        notice = ROLLED_SECRET_NOTICE;
        log(`${delivered.id}: ${check.reason}; fired from Stripe's own copy of the event.`);
      } else {
        log(`${delivered.id}: ${check.reason}; confirmed with Stripe.`);
      }
    }

    const records = await hook.build(z, bundle, selection.object, stripe);
    const claim = await cache.claim(
      onceKeyOf(selection),
      { event: delivered.id, at: now() },
      ONCE_TTL_SECONDS,
    );
    if (claim === 'taken') {
      log(`${delivered.id}: ${selection.onceKey} fired meanwhile from another delivery.`);
      return [];
    }
    if (claim === 'unsure')
      log(
        `${delivered.id}: could not record ${selection.onceKey} as fired (cache refused the write); firing anyway — a re-delivery may fire it again.`,
      );
    return notice ? records.map((record) => ({ ...record, webhook_notice: notice })) : records;
  };
}
