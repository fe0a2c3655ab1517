import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import { requestTimeoutMs } from './lib/budget';
import { retryDelaySeconds } from './lib/errors';
import { classifyGoogleFailure } from './lib/google/errors';
import { isGoogleApiUrl, isGoogleFileDownloadUrl } from './lib/google/request';
import { forZapHistory } from './lib/redact';

type Request = HttpRequestOptions & { url: string };

/**
 * The Google token goes to the Google API endpoints we call only (an allow-list). An attachment
 * download gets it only from a Google file-download endpoint, never from any API endpoint.
 */
export function addGoogleToken(request: Request, _z: ZObject, bundle: Bundle): Request {
  const token = bundle.authData?.access_token;
  const allowed = request.middlewareData?.attachment
    ? isGoogleFileDownloadUrl(request.url)
    : isGoogleApiUrl(request.url);
  if (token && allowed && !request.headers?.Authorization) {
    request.headers = { ...(request.headers ?? {}), Authorization: `Bearer ${token}` };
  }
  return request;
}

/**
 * Every request ends inside the step's budget (see lib/budget.ts). An AbortSignal rather than
 * node-fetch's `timeout`: its timer never keeps the process alive, where node-fetch leaves its
 * body timer running after a refused oversized download.
 */
export function addTimeout(request: Request, _z: ZObject, bundle: Bundle): Request {
  const withSignal = request as Request & { signal?: AbortSignal };
  if (!withSignal.signal && !request.timeout)
    withSignal.signal = AbortSignal.timeout(requestTimeoutMs(bundle));
  return request;
}

/** Turns Google HTTP failures into the right z.errors class (the app sets throwForThrottlingEarly: false). */
export function mapGoogleErrors(response: HttpResponse, z: ZObject): HttpResponse {
  const url = response.request.url ?? '';
  if (!isGoogleApiUrl(url) || response.skipThrowForStatus) return response;
  const data = response.request.middlewareData ?? {};
  const failure = classifyGoogleFailure(
    response.status,
    bodyText(response),
    response.getHeader('retry-after') ?? null,
    data.googleResource as string | undefined,
    data.googleUncertain as string | undefined,
  );
  if (!failure) return response;
  switch (failure.kind) {
    case 'refresh':
      throw new z.errors.RefreshAuthError('The Google access token expired; refreshing it.');
    case 'reconnect':
      throw new z.errors.ExpiredAuthError(forZapHistory(failure.message));
    case 'throttled':
      throw new z.errors.ThrottledError(
        forZapHistory(failure.message),
        retryDelaySeconds(failure.retryAfter),
      );
    case 'error':
      throw new z.errors.Error(forZapHistory(failure.message), failure.code, failure.status);
  }
}

/** A raw (streamed) response has no `content` to read: classify it by status alone. */
function bodyText(response: HttpResponse): string {
  if (response.request.raw) return '';
  try {
    return response.content ?? '';
  } catch {
    return '';
  }
}

/** Any other host answering 429 (e.g. an attachment URL): retry later, as Zapier's default would. */
export function mapOtherThrottling(response: HttpResponse, z: ZObject): HttpResponse {
  if (response.status === 429 && !isGoogleApiUrl(response.request.url ?? '')) {
    throw new z.errors.ThrottledError(
      `The server at ${safeHost(response.request.url)} is rate limiting requests; Zapier will retry later.`,
      retryDelaySeconds(response.getHeader('retry-after')),
    );
  }
  return response;
}

function safeHost(url: string | undefined): string {
  try {
    return new URL(url ?? '').host;
  } catch {
    return 'the remote host';
  }
}

export const befores = [addTimeout, addGoogleToken];
export const afters = [mapGoogleErrors, mapOtherThrottling];
