import nock from 'nock';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { exactly, GMAIL_HOST } from '../../helpers';
import gmailMessage from '../../fixtures/email/gmail_message.json';
import type { GmailMessage } from '../../../lib/google/types';

// The fixture as Gmail's own type: a renamed or misspelt field fails the typecheck.
const sentMessage = exactly<GmailMessage>()(gmailMessage);

export const SEND_PATH = '/gmail/v1/users/me/messages/send';
export const UPLOAD_PATH = '/upload/gmail/v1/users/me/messages/send';

export interface CapturedSend {
  scope: nock.Scope;
  /** The MIME bytes as they went over the wire (decoded from `{ raw }` or the upload body). */
  mime: () => Buffer;
  parsed: () => Promise<ParsedMail>;
  requestHeaders: () => Record<string, string | string[]>;
}

/** Intercepts one users.messages.send (raw JSON by default, or the upload endpoint). */
export function captureGmailSend(
  route: 'raw' | 'upload' = 'raw',
  reply: object = sentMessage,
): CapturedSend {
  let mime: Buffer | null = null;
  let headers: Record<string, string | string[]> = {};
  const scope = nock(GMAIL_HOST);
  const interceptor =
    route === 'raw'
      ? scope.post(SEND_PATH, (body: { raw?: string }) => {
          mime = Buffer.from(body.raw ?? '', 'base64url');
          return true;
        })
      : scope
          .post(UPLOAD_PATH, (body: string) => {
            mime = Buffer.from(body, 'utf8');
            return true;
          })
          .query({ uploadType: 'media' });
  interceptor.reply(function () {
    headers = this.req.headers as Record<string, string | string[]>;
    return [200, reply];
  });
  const wire = () => {
    if (!mime) throw new Error('Gmail send was not called');
    return mime;
  };
  return { scope, mime: wire, parsed: () => simpleParser(wire()), requestHeaders: () => headers };
}

/** Every address in a parsed header, lower-cased. */
export function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) => o.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** The top-level header names of a raw message, lower-cased, in order. */
export function headerNames(mime: Buffer): string[] {
  const head = mime.toString('utf8').split(/\r?\n\r?\n/)[0];
  return head
    .split(/\r?\n/)
    .filter((line) => !/^[ \t]/.test(line))
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}
