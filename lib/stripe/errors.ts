import type { ZObject } from 'zapier-platform-core';
import { isZapierError, retryDelaySeconds } from '../errors';
import { forZapHistory } from '../redact';
import { currentOperation } from './operation';

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

/** The one place Stripe failures become Zapier errors. Errors already in Zapier's terms pass through. */
export function stripeErrorToZapier(z: ZObject, err: unknown): Error {
  if (isZapierError(err)) return err;
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
          `Stripe rejected the secret key${ref}. Reconnect this account with a current secret key (sk_…) or restricted key (rk_…) from Developers → API keys.`,
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
    default:
      return new z.errors.Error(
        forZapHistory(`Stripe: ${err.message}${code}${ref}`),
        err.code ?? 'stripe_error',
        err.statusCode ?? 400,
      );
  }
}

/**
 * A restricted key (rk_…) without a permission the step needs. Stripe's 403 names it as
 * `rak_<resource>_<read|write>`; the message leads with the step and that permission.
 */
function permissionMessage(err: StripeErrorLike, ref: string): string {
  const step = currentOperation();
  const who = step ? `"${step}"` : 'this step';
  const rak = /\brak_([a-z0-9_]+?)_(read|write)\b/.exec(err.message);
  const fix =
    'Add it to the key (Stripe Dashboard → Developers → API keys) or reconnect with another key.';
  if (rak)
    return `The Stripe key lacks a permission ${who} needs: ${rak[1].replace(/_/g, ' ')} ${rak[2]} (${rak[0]}). ${fix}${ref}`;
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
