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
