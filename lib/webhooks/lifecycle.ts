import type Stripe from 'stripe';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache, type ConnectionCache } from '../cache';
import { SDK_RETRIES } from '../retry';
import { APP_NAME } from '../version';
import {
  connectedAccount,
  platformStripeClient,
  stripeApiVersion,
  stripeClient,
  type StripeClient,
} from '../stripe/client';
import { isStripeError, mapStripeErrors } from '../stripe/errors';
import { confirmEvent, NO_SUCH_EVENT, parseEvent, type Confirmation } from './events';
import { findSignatureHeader, verifyStripeSignature, type SignatureCheck } from './signature';

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

/**
 * How many records a hook trigger's `performList` (its samples) returns: Zapier's `meta.limit`
 * when it sets one, else 10; at most one Stripe page (100).
 */
export function sampleLimit(bundle: Bundle): number {
  const asked = bundle.meta?.limit;
  return Math.min(100, asked && asked > 0 ? asked : 10);
}

/** What a trigger decides about an event, before any API call. */
export interface Selection<O> {
  object: O;
  /** Fires at most once per subscription (Zap) for this key, e.g. `order:<cs_…>`. */
  onceKey: string;
  /**
   * States of one object that must never fire out of order (a refund's statuses): `key` names the
   * object, `at` is the event's `created`, `rank` breaks ties. Older than the newest fired: not fired.
   */
  sequence?: { key: string; at: number; rank: number };
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

/**
 * One window for both ends: a fired once-key is kept this long, and nothing older than it ever
 * fires — no event created longer ago, no delivery signed longer ago (Stripe signs every retry
 * anew and stops retrying after 3 days). A key is claimed after its event was created, so it
 * outlives every delivery that may still fire.
 */
export const ONCE_TTL_SECONDS = 3 * 24 * 60 * 60;
/**
 * Lookups (GET /v1/events/{id}) that unverified deliveries may spend per connection and minute.
 * Beyond it a delivery is not dropped: the run is retried later (ThrottledError).
 */
export const LOOKUPS_PER_MINUTE = 20;
/** Short Stripe calls for hooks: a lookup and its one retry fit twice in a 30 s step. */
const HOOK_STRIPE = { timeout: 6_000, maxNetworkRetries: SDK_RETRIES };

export const ROLLED_SECRET_NOTICE =
  'This delivery was not signed with the secret Zapier stored for this Zap (was the signing secret rolled in the Stripe Dashboard?). It was verified with Stripe instead. Turn the Zap off and on again to store the new secret.';

const days = (seconds: number) => `${Math.round((seconds / 86400) * 10) / 10} days`;

/** Pure: why a delivery is outside the window (null: inside). */
export function outsideWindow(
  eventCreated: number,
  signedAt: number | null,
  nowSeconds: number,
): string | null {
  if (nowSeconds - eventCreated > ONCE_TTL_SECONDS)
    return `the event was created ${days(nowSeconds - eventCreated)} ago, longer than a fired event is remembered (${days(ONCE_TTL_SECONDS)})`;
  if (signedAt !== null && nowSeconds - signedAt > ONCE_TTL_SECONDS)
    return `it was signed ${days(nowSeconds - signedAt)} ago; Stripe signs every retry anew and stops after ${days(ONCE_TTL_SECONDS)}`;
  return null;
}

/** Pure: a state that is not newer than the newest one fired for its object. */
export function isStale(
  next: { at: number; rank: number },
  fired: { at: number; rank: number } | null,
): boolean {
  return (
    fired !== null && (fired.at > next.at || (fired.at === next.at && fired.rank >= next.rank))
  );
}

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

/** Where this Zap's record of a once-key (or a sequence key) is kept in the connection's cache. */
const firedKey = (zap: string, key: string) => `hook:${zap}:${key}`;

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
 * - a valid signature outside the 5-minute tolerance (a late run, or a replay): Stripe is asked
 *   (GET /v1/events/{id}); confirmed → fires, denied → replay, unreachable → fires (logged);
 * - a signature that does not match (forged, or a rolled secret): fires only from Stripe's own
 *   copy of the event, with a notice; denied or unreachable → nothing fires;
 * - an event created, or a delivery signed, longer ago than a once-key lives: nothing fires, and
 *   Stripe is not asked (its copy of an event that old does not fire either);
 * - lookups are bounded per connection and minute; beyond the bound the run is retried later,
 *   never dropped; an event id Stripe said it never sent is not asked about again;
 * - a state older than one already fired for the same object (out-of-order refund updates) does not fire;
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
    const delivery = verifyDelivery(hook, bundle, subscription.secret, now, log);
    if (!delivery) return [];
    const delivered = delivery.event;
    const first = hook.select(delivered, bundle);
    if (!first) return [];
    const cache = connectionCache(z);
    if ((await cache.get(firedKey(subscription.id, first.onceKey))) !== null) {
      log(`${delivered.id} (${delivered.type}): ${first.onceKey} already fired for this Zap.`);
      return [];
    }
    let client: StripeClient | undefined;
    const stripe = () => (client ??= stripeClient(z, bundle.authData, HOOK_STRIPE));
    const run: HookRun<O, T> = { z, bundle, hook, cache, stripe, now, log };
    const trusted = await confirmUnverified(run, delivery, first);
    if (!trusted) return [];
    const { selection, notice } = trusted;
    const records = await fireOnce(run, subscription.id, delivered, selection);
    if (!records) return [];
    return notice ? records.map((record) => ({ ...record, webhook_notice: notice })) : records;
  };
}

type Log = (message: string) => void;
type Delivery = { event: Stripe.Event; check: SignatureCheck };
/** What one delivery's handling shares: the step, the hook, the connection's cache and client. */
type HookRun<O, T> = {
  z: ZObject;
  bundle: Bundle;
  hook: StripeHook<O, T>;
  cache: ConnectionCache;
  stripe: () => StripeClient;
  now: () => number;
  log: Log;
};

/**
 * Verifies the delivery: a readable signature header, a Stripe event of the hook's types, for
 * this connection's account, inside the window a once-key lives. Null (logged) when nothing may
 * fire; an unverified signature is left to `confirmUnverified`.
 */
function verifyDelivery<O, T>(
  hook: StripeHook<O, T>,
  bundle: Bundle,
  secret: string,
  now: () => number,
  log: Log,
): Delivery | null {
  const raw = bundle.rawRequest;
  const payload = typeof raw?.content === 'string' ? raw.content : '';
  const check = verifyStripeSignature(payload, findSignatureHeader(raw?.headers), secret, now());
  if (!check.ok && check.kind === 'malformed') {
    log(`rejected: ${check.reason}. Nothing fired.`);
    return null;
  }
  const delivered = parseEvent(payload);
  if (!delivered) {
    log('rejected: the body is not a Stripe event. Nothing fired.');
    return null;
  }
  if (!(hook.events as string[]).includes(delivered.type)) return null;
  const account = connectedAccount(bundle.authData);
  if ((delivered.account ?? null) !== account) {
    log(
      `${delivered.id} belongs to ${delivered.account ?? 'the platform account'}, not to this connection's ${account ?? 'account'}. Nothing fired.`,
    );
    return null;
  }
  const signedAt = !check.ok && check.kind !== 'stale' ? null : check.timestamp;
  const old = outsideWindow(delivered.created, signedAt, now());
  if (old) {
    log(`${delivered.id} (${delivered.type}): ${old}. Nothing fired.`);
    return null;
  }
  return { event: delivered, check };
}

/**
 * A delivery whose signature did not verify fires only as Stripe confirms it: late or unsigned →
 * the delivered event; a mismatch → Stripe's own copy, with a notice. Null (logged): not fired.
 */
async function confirmUnverified<O, T>(
  { z, bundle, hook, cache, stripe, now, log }: HookRun<O, T>,
  { event: delivered, check }: Delivery,
  first: Selection<O>,
): Promise<{ selection: Selection<O>; notice: string | null } | null> {
  if (check.ok) return { selection: first, notice: null };
  const confirmation = await lookUp(z, cache, stripe, delivered, now());
  if (confirmation.status === 'denied') {
    log(`rejected ${delivered.id}: ${check.reason}, and Stripe ${confirmation.reason}.`);
    return null;
  }
  if (confirmation.status === 'unreachable') {
    if (check.kind === 'mismatch') {
      log(`rejected ${delivered.id}: ${check.reason}; Stripe ${confirmation.reason}.`);
      return null;
    }
    log(`${delivered.id}: ${check.reason}; Stripe ${confirmation.reason}. Firing anyway.`);
    return { selection: first, notice: null };
  }
  if (check.kind !== 'mismatch') {
    log(`${delivered.id}: ${check.reason}; confirmed with Stripe.`);
    return { selection: first, notice: null };
  }
  const old = outsideWindow(confirmation.event.created, null, now());
  if (old) {
    log(`rejected ${delivered.id}: ${check.reason}, and ${old}.`);
    return null;
  }
  const trusted = hook.select(confirmation.event, bundle);
  if (!trusted) return null;
  log(`${delivered.id}: ${check.reason}; fired from Stripe's own copy of the event.`);
  return { selection: trusted, notice: ROLLED_SECRET_NOTICE };
}

/**
 * Claims the selection once for this Zap: not older than a state already fired, records built,
 * then the once-key claimed (nx) and the state recorded. Null (logged) when it must not fire.
 */
async function fireOnce<O, T>(
  { z, bundle, hook, cache, stripe, now, log }: HookRun<O, T>,
  zap: string,
  delivered: Stripe.Event,
  selection: Selection<O>,
): Promise<T[] | null> {
  const sequenceKey = selection.sequence && firedKey(zap, selection.sequence.key);
  if (selection.sequence && sequenceKey) {
    const fired = await cache.get<{ at: number; rank: number }>(sequenceKey);
    if (isStale(selection.sequence, fired)) {
      log(`${delivered.id}: ${selection.onceKey} is older than a state already fired; not fired.`);
      return null;
    }
  }
  const records = await hook.build(z, bundle, selection.object, stripe);
  const claim = await cache.claim(
    firedKey(zap, selection.onceKey),
    { event: delivered.id, at: now() },
    ONCE_TTL_SECONDS,
  );
  if (claim === 'taken') {
    log(`${delivered.id}: ${selection.onceKey} fired meanwhile from another delivery.`);
    return null;
  }
  if (selection.sequence && sequenceKey) {
    const { at, rank } = selection.sequence;
    await cache.set(sequenceKey, { at, rank }, ONCE_TTL_SECONDS);
  }
  if (claim === 'unsure')
    log(
      `${delivered.id}: could not record ${selection.onceKey} as fired (cache refused the write); firing anyway — a re-delivery may fire it again.`,
    );
  return records;
}

/**
 * Asks Stripe about an unverified delivery, within the connection's lookup budget: an id Stripe
 * already said it never sent is not asked again; past the budget the run is retried later
 * (Zapier runs a throttled hook again), so a genuine delivery is delayed, never dropped.
 */
async function lookUp(
  z: ZObject,
  cache: ConnectionCache,
  stripe: () => StripeClient,
  delivered: Stripe.Event,
  nowSeconds: number,
): Promise<Confirmation> {
  const deniedKey = `hook:no-such-event:${delivered.id}`;
  if ((await cache.get(deniedKey)) !== null)
    return { status: 'denied', reason: 'said earlier it has no such event' };
  const minute = `hook:lookups:${Math.floor(nowSeconds / 60)}`;
  const spent = (await cache.get<number>(minute)) ?? 0;
  if (spent >= LOOKUPS_PER_MINUTE)
    throw new z.errors.ThrottledError(
      `More than ${LOOKUPS_PER_MINUTE} unverified webhook deliveries this minute; ${delivered.id} is checked with Stripe when Zapier retries this run.`,
      60,
    );
  await cache.set(minute, spent + 1, 120);
  const confirmation = await confirmEvent(stripe(), delivered);
  if (confirmation.status === 'denied' && confirmation.reason === NO_SUCH_EVENT)
    await cache.set(deniedKey, true, ONCE_TTL_SECONDS);
  return confirmation;
}
