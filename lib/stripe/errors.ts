import type { ZObject } from 'zapier-platform-core';
import { isZapierError, RECONNECT_STRIPE, retryDelaySeconds } from '../errors';
import { forZapHistory } from '../redact';
import { currentOperation } from './operation';
import { permissionFromRak } from './permissions';

/** The fields of Stripe's SDK errors we read (StripeError); typed loosely so this file needs no SDK load. */
export type StripeErrorLike = Error & {
  type: string;
  statusCode?: number;
  code?: string;
  param?: string;
  requestId?: string;
  headers?: Record<string, string>;
};

export function isStripeError(err: unknown): err is StripeErrorLike {
  return (
    err instanceof Error &&
    typeof (err as { type?: unknown }).type === 'string' &&
    /^Stripe/.test((err as unknown as { type: string }).type)
  );
}

/**
 * An object the Zap names (by id, URL or dropdown) that the connected Stripe account does not
 * have: its own message and code, the same for every operation.
 */
export class NotInAccount extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The one place Stripe failures become Zapier errors. Errors already in Zapier's terms pass through. */
export function stripeErrorToZapier(z: ZObject, err: unknown): Error {
  if (isZapierError(err)) return err;
  if (err instanceof NotInAccount)
    return new z.errors.Error(forZapHistory(err.message), err.code, 404);
  if (!isStripeError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return new z.errors.Error(
      forZapHistory(`Unexpected problem talking to Stripe: ${message}`),
      'stripe_unexpected',
      500,
    );
  }
  const ref = err.requestId ? ` (Stripe request ${err.requestId})` : '';
  const code = err.code ? ` [${err.code}]` : '';
  switch (err.type) {
    case 'StripeAuthenticationError':
      return new z.errors.ExpiredAuthError(
        forZapHistory(
          `Stripe rejected the secret key${ref}: ${RECONNECT_STRIPE} (sk_… or rk_…, from Developers → API keys).`,
        ),
      );
    case 'StripePermissionError':
      return new z.errors.Error(
        forZapHistory(permissionMessage(err, ref)),
        'stripe_permission',
        403,
      );
    case 'StripeRateLimitError':
      return new z.errors.ThrottledError(
        forZapHistory(
          `Stripe is rate limiting this account${err.code === 'lock_timeout' ? ' (the object is busy)' : ''}; Zapier will retry the step shortly.${ref}`,
        ),
        retryDelaySeconds(err.headers?.['retry-after']),
      );
    case 'StripeAPIError':
    case 'StripeConnectionError':
      return new z.errors.Error(
        forZapHistory(
          `Stripe is temporarily unavailable (${err.statusCode ?? 'no response'}). This is usually brief: replay this step in a few minutes.${ref}`,
        ),
        'stripe_unavailable',
        err.statusCode ?? 503,
      );
    default: {
      const missing = missingMessage(err);
      if (missing)
        return new z.errors.Error(forZapHistory(`${missing}${ref}`), 'resource_missing', 404);
      return new z.errors.Error(
        forZapHistory(`Stripe: ${err.message}${code}${ref}`),
        err.code ?? 'stripe_error',
        err.statusCode ?? 400,
      );
    }
  }
}

/** What each missing object is called, and what the Zap builder can do about it. */
const MISSING: Record<string, [string, string]> = {
  payment_link: ['Payment Link', 'pick it from the dropdown or use "Find Payment Link"'],
  customer: ['Customer', 'pick one from the dropdown or use "Find Customer"'],
  'checkout.session': [
    'Checkout Session',
    'pick one from the dropdown or use "Find Checkout Session"',
  ],
  payment_intent: ['Payment', 'pick one from the dropdown or map it from the trigger'],
  charge: ['Payment', 'pick one from the dropdown or map it from the trigger'],
  price: ['Price', 'pick one from the dropdown'],
};

/**
 * Stripe's "No such payment_link: 'plink_…'" as one sentence that says what to do, or null when
 * the error is not a missing object.
 */
export function missingMessage(err: StripeErrorLike): string | null {
  if (err.code !== 'resource_missing') return null;
  const found = /No such ([a-z_.]+): '([^']{1,80})/.exec(err.message);
  if (!found) return null;
  const [thing, fix] = MISSING[found[1]] ?? [found[1].replace(/[._]/g, ' '), 'check the ID'];
  const other = /similar object exists in (live|test) mode/.exec(err.message);
  if (other)
    return `${thing} ${found[2]} is in ${other[1]} mode, this connection's key is not: ${fix}, or ${RECONNECT_STRIPE} for ${other[1]} mode.`;
  return `${thing} ${found[2]} is not in the connected Stripe account (or is in the other mode, test or live): ${fix}.`;
}

/**
 * A restricted key (rk_…) without a permission the step needs. Stripe's 403 names it as
 * `rak_<resource>_<read|write>`; the message leads with the step and that permission.
 */
function permissionMessage(err: StripeErrorLike, ref: string): string {
  const step = currentOperation();
  const who = step ? `"${step}"` : 'this step';
  const rak = /\brak_([a-z0-9_]+?)_(read|write)\b/.exec(err.message);
  const fix = `Add it to the key (Stripe Dashboard → Developers → API keys) or ${RECONNECT_STRIPE}.`;
  if (rak)
    return `The Stripe key lacks a permission ${who} needs: ${permissionFromRak(rak[0]) ?? `${rak[1].replace(/_/g, ' ')} ${rak[2]}`} (${rak[0]}). ${fix}${ref}`;
  return `The Stripe key lacks a permission ${who} needs: ${err.message} ${fix}${ref}`;
}

/** Runs Stripe calls and maps whatever they throw in the one place above. */
export async function mapStripeErrors<T>(z: ZObject, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw stripeErrorToZapier(z, err);
  }
}
