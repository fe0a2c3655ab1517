import { RECONNECT_GOOGLE } from '../errors';

/**
 * Classifies a failed Google API response. Pure: the middleware turns the verdict into z.errors.
 */
export type GoogleFailure =
  | { kind: 'refresh' }
  | { kind: 'reconnect'; message: string }
  | { kind: 'throttled'; message: string; retryAfter: string | null }
  | { kind: 'error'; message: string; code: string; status: number };

interface GoogleErrorBody {
  error?:
    | string
    | {
        code?: number;
        message?: string;
        status?: string;
        errors?: { reason?: string; message?: string }[];
        details?: { reason?: string }[];
      };
  error_description?: string;
}

const RATE_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'dailyLimitExceeded',
  'quotaExceeded',
  'RATE_LIMIT_EXCEEDED',
]);

function parseBody(content: string): GoogleErrorBody {
  try {
    const parsed: unknown = JSON.parse(content);
    return parsed && typeof parsed === 'object' ? (parsed as GoogleErrorBody) : {};
  } catch {
    return {};
  }
}

export function classifyGoogleFailure(
  status: number,
  content: string,
  retryAfter: string | null,
  resource = 'the Google resource',
  uncertain?: string,
): GoogleFailure | null {
  if (status < 400) return null;
  const body = parseBody(content);
  if (typeof body.error === 'string') {
    if (body.error === 'invalid_grant') {
      return {
        kind: 'reconnect',
        message: `Google access was revoked or expired: ${RECONNECT_GOOGLE} (Stripe steps of this connection wait until you do).`,
      };
    }
    return {
      kind: 'error',
      message: `Google sign-in failed: ${body.error_description ?? body.error}.`,
      code: body.error,
      status,
    };
  }
  const err = body.error ?? {};
  const reasons = [
    ...(err.errors ?? []).map((e) => e.reason),
    ...(err.details ?? []).map((d) => d.reason),
  ].filter(Boolean) as string[];
  const googleMessage = err.message ? ` Google said: ${err.message}` : '';
  if (status === 401) return { kind: 'refresh' };
  if (status === 429 || (status === 403 && reasons.some((r) => RATE_REASONS.has(r)))) {
    return {
      kind: 'throttled',
      message: `Google's rate limit was reached for ${resource}; nothing was written. Zapier will retry later.`,
      retryAfter,
    };
  }
  if (
    status === 403 &&
    (reasons.includes('ACCESS_TOKEN_SCOPE_INSUFFICIENT') ||
      /insufficient authentication scopes/i.test(err.message ?? ''))
  ) {
    return {
      kind: 'reconnect',
      message: `The Google connection lacks a permission (Sheets or Gmail send): ${RECONNECT_GOOGLE} and tick every permission on Google's consent screen.`,
    };
  }
  if (status === 403) {
    return {
      kind: 'error',
      message: `No permission for ${resource}: share it with the connected Google account (as editor) or connect the account that owns it.${googleMessage}`,
      code: 'google_forbidden',
      status,
    };
  }
  if (status === 404) {
    return {
      kind: 'error',
      message: `Google could not find ${resource}. Check the URL or ID, and that it is shared with the connected Google account.`,
      code: 'google_not_found',
      status,
    };
  }
  if (status >= 500) {
    return {
      kind: 'error',
      message: uncertain
        ? `Google answered ${status} (temporarily unavailable). ${uncertain}`
        : `Google is temporarily unavailable (${status}); nothing was written. Replay this step in a few minutes.`,
      code: 'google_unavailable',
      status,
    };
  }
  return {
    kind: 'error',
    message: `Google rejected the request for ${resource}.${googleMessage || ` (HTTP ${status})`}`,
    code: err.status ?? 'google_error',
    status,
  };
}
