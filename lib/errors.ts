const ZAPIER_ERROR_NAMES = new Set([
  'AppError',
  'HaltedError',
  'ExpiredAuthError',
  'RefreshAuthError',
  'ThrottledError',
  'ResponseError',
  'CheckError',
  'DehydrateError',
  'StopRequestError',
]);

/** True for errors that already speak Zapier (z.errors.*): they pass through every mapper untouched. */
export function isZapierError(err: unknown): err is Error {
  return err instanceof Error && ZAPIER_ERROR_NAMES.has(err.name);
}

/** Seconds to wait before a retry: the server's Retry-After when it gives one, else 60 s plus jitter. */
export function retryDelaySeconds(
  retryAfter: string | null | undefined,
  random: () => number = Math.random,
): number {
  const seconds = retryAfter ? Number.parseInt(retryAfter, 10) : NaN;
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  return 60 + Math.floor(random() * 30);
}

/** The human message of any error: z.errors.Error and ThrottledError carry JSON in `.message`. */
export function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'AppError' || err.name === 'ThrottledError') {
    try {
      const parsed = JSON.parse(err.message) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      // not JSON: fall through
    }
  }
  return err.message;
}

/** The code of a z.errors.Error (carried in its JSON message), or a Node network error's code. */
export function codeOf(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  if (err.name === 'AppError') {
    try {
      const parsed = JSON.parse(err.message) as { code?: unknown; status?: unknown };
      return typeof parsed.code === 'string' ? parsed.code : null;
    } catch {
      return null;
    }
  }
  const code =
    (err as { code?: unknown; cause?: { code?: unknown } }).code ??
    (err as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? code : null;
}

/** The one fix for a refused Stripe key, said the same way everywhere. */
export const RECONNECT_STRIPE = 'reconnect with a new key';
/** The one fix for a revoked, expired or under-scoped Google grant, said the same way everywhere. */
export const RECONNECT_GOOGLE = 'reconnect to renew Google access';
