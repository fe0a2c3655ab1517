import type Stripe from 'stripe';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { claimOnce } from '../once';
import { APP_NAME } from '../version';
import { stripeApiVersion, stripeClient, type StripeClient } from '../stripe/client';
import { isStripeError, mapStripeErrors } from '../stripe/errors';
import { findSignatureHeader, verifyStripeSignature } from './signature';

/**
 * The one webhook lifecycle every instant trigger shares: create the Stripe endpoint, keep its
 * signing secret, verify each delivery, drop re-deliveries, delete the endpoint. A trigger only
 * names its events and turns a verified event into records.
 */
export interface SubscribeData {
  id: string;
  secret: string;
}

/** What a trigger decides about a verified event, before any API call. */
export interface Selection<O> {
  object: O;
  /** Keys that make each order fire only once (the event id is always added). */
  onceKeys: string[];
}

export interface StripeHook<O, T> {
  key: string;
  events: Stripe.WebhookEndpointCreateParams.EnabledEvent[];
  /** Pure: the object to emit and its once-keys, or null to not fire. */
  select: (event: Stripe.Event, bundle: Bundle) => Selection<O> | null;
  /** Turns the selected object into records (this is where API calls happen). */
  build: (z: ZObject, bundle: Bundle, object: O, stripe: () => StripeClient) => Promise<T[]>;
}

const TOO_MANY_ENDPOINTS =
  /maximum (number )?(of )?\d*\s*(test |live )?webhook endpoints|too many webhook endpoints/i;

export function subscribeHook<O, T>(hook: StripeHook<O, T>) {
  return async (z: ZObject, bundle: Bundle): Promise<SubscribeData> => {
    const stripe = stripeClient(z, bundle.authData);
    const endpoint = await mapStripeErrors(z, async () => {
      try {
        return await stripe.webhookEndpoints.create({
          url: String(bundle.targetUrl),
          enabled_events: hook.events,
          api_version: stripeApiVersion(),
          description: `${APP_NAME}: ${hook.key} (created by Zapier; deleted when the Zap is turned off)`,
          metadata: { created_by: 'zapier', trigger: hook.key },
        });
      } catch (err) {
        if (isStripeError(err) && TOO_MANY_ENDPOINTS.test(err.message)) {
          throw new z.errors.Error(
            'Stripe allows at most 16 webhook endpoints per account and this one is full. Delete an unused endpoint in Stripe Dashboard → Developers → Webhooks, then turn the Zap on again.',
            'too_many_webhook_endpoints',
            400,
          );
        }
        throw err;
      }
    });
    return { id: endpoint.id, secret: endpoint.secret ?? '' };
  };
}

export function unsubscribeHook() {
  return async (z: ZObject, bundle: Bundle): Promise<{ deleted: boolean }> => {
    const data = bundle.subscribeData as Partial<SubscribeData> | undefined;
    if (!data?.id) return { deleted: false };
    const stripe = stripeClient(z, bundle.authData);
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

/**
 * Verifies, parses and lets the trigger select; drops anything already handled before spending
 * an API call; builds the records; then claims the once-keys (the claim is atomic, so two
 * concurrent deliveries cannot both fire).
 */
export function receiveHook<O, T>(
  hook: StripeHook<O, T>,
  now: () => number = () => Math.floor(Date.now() / 1000),
) {
  return async (z: ZObject, bundle: Bundle): Promise<T[]> => {
    const raw = bundle.rawRequest;
    const payload = typeof raw?.content === 'string' ? raw.content : '';
    const secret = (bundle.subscribeData as Partial<SubscribeData> | undefined)?.secret ?? '';
    const check = verifyStripeSignature(payload, findSignatureHeader(raw?.headers), secret, now());
    if (!check.ok) {
      z.console.log(
        `Stripe webhook rejected for ${hook.key}: ${check.reason}. Nothing was emitted.`,
      );
      return [];
    }
    let event: Stripe.Event;
    try {
      event = JSON.parse(payload) as Stripe.Event;
    } catch {
      z.console.log(
        `Stripe webhook for ${hook.key} had a valid signature but a body that is not JSON. Nothing was emitted.`,
      );
      return [];
    }
    if (!(hook.events as string[]).includes(event.type)) return [];
    const selection = hook.select(event, bundle);
    if (!selection) return [];
    const keys = [`stripe-event:${event.id}`, ...selection.onceKeys];
    for (const key of keys) {
      if ((await z.cache.get(key)) !== null) {
        z.console.log(
          `Stripe event ${event.id} (${event.type}) was already handled (${key}); not firing again.`,
        );
        return [];
      }
    }
    let client: StripeClient | undefined;
    const records = await hook.build(
      z,
      bundle,
      selection.object,
      () => (client ??= stripeClient(z, bundle.authData)),
    );
    for (const key of keys) {
      if (!(await claimOnce(z, key))) return [];
    }
    return records;
  };
}
