import { RECONNECT_GOOGLE } from '../errors';
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, ONE_DAY_SECONDS } from '../cache';
import { GMAIL_API, USERINFO_URL, googleRequest } from '../google/request';
import type { GmailMessage, SendMessageQuery } from '../google/types';

/** What we keep of Gmail's reply to users.messages.send. */
export interface SentMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
}

export const SEND_URL = `${GMAIL_API}/gmail/v1/users/me/messages/send`;
export const UPLOAD_SEND_URL = `${GMAIL_API}/upload/gmail/v1/users/me/messages/send`;

/**
 * JSON `{ raw }` requests fail around 5 MB; base64url makes the body a third larger than the
 * MIME, so larger messages go to the upload endpoint as message/rfc822.
 */
export const RAW_JSON_MAX_MIME_BYTES = 3_500_000;

export type SendRoute = 'raw' | 'upload';

export function sendRouteFor(mimeBytes: number): SendRoute {
  return mimeBytes > RAW_JSON_MAX_MIME_BYTES ? 'upload' : 'raw';
}

const RESOURCE = 'sending email with the connected Gmail account';
const MAYBE_SENT =
  'The email may have been sent: check the Sent folder of the connected Gmail account before replaying this step.';

/** users.messages.send as the connected account ("me"), by the route the size calls for. */
export async function sendMime(
  z: ZObject,
  mime: Buffer,
): Promise<SentMessage & { route: SendRoute }> {
  const route = sendRouteFor(mime.length);
  const sent =
    route === 'raw'
      ? await googleRequest<GmailMessage>(z, {
          url: SEND_URL,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: { raw: mime.toString('base64url') } satisfies GmailMessage,
          resource: RESOURCE,
          uncertain: MAYBE_SENT,
        })
      : await googleRequest<GmailMessage>(z, {
          url: UPLOAD_SEND_URL,
          method: 'POST',
          params: { uploadType: 'media' } satisfies SendMessageQuery,
          headers: { 'Content-Type': 'message/rfc822' },
          body: mime,
          resource: RESOURCE,
          uncertain: MAYBE_SENT,
        });
  return {
    id: sent.id ?? '',
    threadId: sent.threadId ?? '',
    labelIds: sent.labelIds ?? undefined,
    route,
  };
}

// Its own namespace: dedupe keys (`email-dedupe:…`) are user-chosen and must never collide with it.
const EMAIL_CACHE_KEY = 'connection:google-email';

/**
 * The connected Google account's address, for a From with a display name. Read from OpenID
 * userinfo (the connection has `email`; Gmail's users.getProfile would need a read scope it
 * does not have) and cached for the connection for a day.
 */
export async function connectedEmail(z: ZObject): Promise<string> {
  const cache = connectionCache(z);
  const cached: unknown = await cache.get(EMAIL_CACHE_KEY);
  if (typeof cached === 'string' && cached) return cached;
  const user = await googleRequest<{ email?: string; email_verified?: boolean }>(z, {
    url: USERINFO_URL,
    method: 'GET',
    resource: 'the connected Google account',
  });
  if (!user.email) {
    throw new z.errors.ExpiredAuthError(
      `Google did not share the connected account’s email address: ${RECONNECT_GOOGLE} and allow “See your primary email address”.`,
    );
  }
  await cache.set(EMAIL_CACHE_KEY, user.email, ONE_DAY_SECONDS);
  return user.email;
}
