import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { isTimeout, shownUrl } from '../budget';
import { forZapHistory } from '../redact';

export const SHEETS_API = 'https://sheets.googleapis.com/v4/spreadsheets';
export const GMAIL_API = 'https://gmail.googleapis.com';
export const USERINFO_URL = 'https://www.googleapis.com/oauth2/v3/userinfo';
const OAUTH_API = 'https://oauth2.googleapis.com';

/**
 * The Google API endpoints this app calls, and nothing else: the bearer token and Google's error
 * mapping apply to these only. A prefix ends in '/'; anything else must match exactly. Never a
 * whole domain: storage.googleapis.com, firebasestorage.googleapis.com or
 * www.googleapis.com/download/… serve customers' files, and a file link must not get the token.
 */
const GOOGLE_API_ENDPOINTS = [
  SHEETS_API,
  `${SHEETS_API}/`,
  `${GMAIL_API}/gmail/v1/users/me/`,
  `${GMAIL_API}/upload/gmail/v1/users/me/`,
  USERINFO_URL,
  `${OAUTH_API}/token`,
  `${OAUTH_API}/tokeninfo`,
];

/** The URL parsed, or null when it is not one or carries credentials (never sent a token). */
function plainUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password ? null : parsed;
  } catch {
    return null;
  }
}

export function isGoogleApiUrl(url: string): boolean {
  const parsed = plainUrl(url);
  if (!parsed) return false;
  const where = `${parsed.origin}${parsed.pathname}`;
  return GOOGLE_API_ENDPOINTS.some((endpoint) =>
    endpoint.endsWith('/') ? where.startsWith(endpoint) : where === endpoint,
  );
}

/**
 * The one Google endpoint an email attachment may be downloaded from with the connection's token:
 * a spreadsheet's export (`https://docs.google.com/spreadsheets/d/{id}/export`, e.g.
 * `?format=pdf`), the only file download the connection's scopes reach (it holds no Drive
 * scope). Sheets values, Gmail and Drive get no token from an attachment, so a mapped API URL
 * cannot mail the merchant's own data to a customer.
 */
const SPREADSHEET_EXPORT = /^\/spreadsheets\/d\/[A-Za-z0-9_-]+\/export$/;

export function isGoogleFileDownloadUrl(url: string): boolean {
  const parsed = plainUrl(url);
  return (
    parsed !== null &&
    parsed.origin === 'https://docs.google.com' &&
    SPREADSHEET_EXPORT.test(parsed.pathname)
  );
}

export type GoogleRequest = HttpRequestOptions & {
  url: string;
  /** Named in error messages, e.g. 'the spreadsheet "1AbC…"'. */
  resource?: string;
  /**
   * What a failure without Google's answer (a timeout, a 5xx) means for a write, e.g. "The row may
   * have been written: …". Reads leave it out: "nothing was written" is then true.
   */
  uncertain?: string;
};

/**
 * The one way to call Google: through z.request (refresh, logging, throttling for free), with the
 * bearer token added and failures mapped by middleware.ts. Returns the parsed JSON body.
 */
export async function googleRequest<T>(
  z: ZObject,
  { resource, uncertain, ...request }: GoogleRequest,
): Promise<T> {
  try {
    const response = await z.request<T>({
      ...request,
      middlewareData: {
        ...(request.middlewareData ?? {}),
        googleResource: resource,
        googleUncertain: uncertain,
      },
    });
    return response.data;
  } catch (err) {
    if (!isTimeout(err)) throw err;
    const what = `Google did not answer in time (${request.method ?? 'GET'} ${shownUrl(request.url)}).`;
    throw new z.errors.Error(
      forZapHistory(
        `${what} ${uncertain ?? 'Nothing was written. Replay this step in a few minutes.'}`,
      ),
      'google_timeout',
      504,
    );
  }
}
