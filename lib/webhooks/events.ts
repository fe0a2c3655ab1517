import type Stripe from 'stripe';
import type { StripeClient } from '../stripe/client';
import { isStripeError } from '../stripe/errors';

/** A delivered body, if it is shaped like a Stripe event (an `evt_` id, a type, an object). */
export function parseEvent(payload: string): Stripe.Event | null {
  let event: unknown;
  try {
    event = JSON.parse(payload);
  } catch {
    return null;
  }
  const e = event as Partial<Stripe.Event> | null;
  if (!e || typeof e !== 'object') return null;
  if (typeof e.id !== 'string' || !e.id.startsWith('evt_') || typeof e.type !== 'string')
    return null;
  if (!e.data || typeof e.data.object !== 'object' || e.data.object === null) return null;
  return e as Stripe.Event;
}

function objectId(event: Stripe.Event): unknown {
  return (event.data.object as { id?: unknown }).id;
}

/** Pure: Stripe's copy says the same thing as the delivery (id, type, object, account). */
export function sameEvent(delivered: Stripe.Event, stripes: Stripe.Event): boolean {
  return (
    stripes.id === delivered.id &&
    stripes.type === delivered.type &&
    objectId(stripes) === objectId(delivered) &&
    (stripes.account ?? null) === (delivered.account ?? null)
  );
}

export type Confirmation =
  | { status: 'confirmed'; event: Stripe.Event }
  | { status: 'denied'; reason: string }
  | { status: 'unreachable'; reason: string };

export const NO_SUCH_EVENT = 'has no such event';

/** Asks Stripe whether it sent this event (events are kept 30 days). One call. */
export async function confirmEvent(
  stripe: StripeClient,
  delivered: Stripe.Event,
): Promise<Confirmation> {
  let stripes: Stripe.Event;
  try {
    stripes = await stripe.events.retrieve(delivered.id);
  } catch (err) {
    if (isStripeError(err) && (err.statusCode === 404 || err.code === 'resource_missing'))
      return { status: 'denied', reason: NO_SUCH_EVENT };
    const why = isStripeError(err)
      ? `answered ${err.statusCode ?? err.type}`
      : 'could not be reached';
    return { status: 'unreachable', reason: `${why} when asked to confirm it` };
  }
  return sameEvent(delivered, stripes)
    ? { status: 'confirmed', event: stripes }
    : { status: 'denied', reason: 'holds a different event under that id' };
}
