import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';

export const SHEETS_API = 'https://sheets.googleapis.com/v4/spreadsheets';
export const GMAIL_API = 'https://gmail.googleapis.com';
export const USERINFO_URL = 'https://www.googleapis.com/oauth2/v3/userinfo';

export type GoogleRequest = HttpRequestOptions & {
  url: string;
  /** Named in error messages, e.g. 'the spreadsheet "1AbC…"'. */
  resource?: string;
};

/**
 * The one way to call Google: through z.request (refresh, logging, throttling for free), with the
 * bearer token added and failures mapped by middleware.ts. Returns the parsed JSON body.
 */
export async function googleRequest<T>(
  z: ZObject,
  { resource, ...request }: GoogleRequest,
): Promise<T> {
  const response = await z.request<T>({
    ...request,
    middlewareData: { ...(request.middlewareData ?? {}), googleResource: resource },
  });
  return response.data;
}
