import type { ZObject } from 'zapier-platform-core';
import { isTimeout, shownUrl } from '../budget';
import { isZapierError } from '../errors';
import { forZapHistory } from '../redact';
import type { EmailAttachment } from './compose';

/** Gmail refuses messages over 35 MB; attachments grow by a third when base64-encoded. */
export const MAX_MESSAGE_BYTES = 35 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = Math.floor((MAX_MESSAGE_BYTES * 3) / 4) - 256 * 1024;

export type UrlCheck = { url: URL } | { problem: string };

/** Only http(s) URLs are fetched; anything else is refused before any request. */
export function checkAttachmentUrl(value: unknown, index: number): UrlCheck {
  const text = typeof value === 'string' ? value.trim() : '';
  const label = `Attachments (file ${index + 1})`;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return {
      problem: `${label} "${forZapHistory(shown, 50)}" is not a file URL. Map a file from an earlier step or paste a link starting with https://.`,
    };
  }
  return { url };
}

function cleanFilename(name: string): string {
  const base =
    name
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .split(/[\\/]/)
      .pop() ?? '';
  return base.trim().slice(0, 200);
}

/** RFC 6266 filename from Content-Disposition: filename* (RFC 5987, UTF-8) wins over filename. */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      const name = cleanFilename(decodeURIComponent(extended[2].trim().replace(/^"|"$/g, '')));
      if (name) return name;
    } catch {
      // malformed percent-encoding: fall back to the plain filename parameter
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const value = plain ? (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1') : '';
  return cleanFilename(value) || null;
}

export function filenameFromUrl(url: URL): string | null {
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return null;
  try {
    return cleanFilename(decodeURIComponent(last)) || null;
  } catch {
    return cleanFilename(last) || null;
  }
}

function contentTypeOf(header: string | undefined): string {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : 'application/octet-stream';
}

function tooLarge(total: number): string {
  const mb = (total / (1024 * 1024)).toFixed(1);
  return `The attachments add up to ${mb} MB or more; Gmail accepts about ${Math.floor(MAX_ATTACHMENT_BYTES / (1024 * 1024))} MB of attachments (35 MB per message). Nothing was sent: send fewer or smaller files, or a download link instead.`;
}

/**
 * Downloads each attachment in order (the running total stops the step as soon as Gmail's limit
 * is passed). Failures name the host (a slow one its path too), never the query: a file URL can
 * carry a token.
 */
export async function fetchAttachments(z: ZObject, urls: URL[]): Promise<EmailAttachment[]> {
  const files: EmailAttachment[] = [];
  let total = 0;
  for (const [index, url] of urls.entries()) {
    const where = `Attachment ${index + 1} (from ${url.host})`;
    let content: Buffer;
    let response;
    try {
      response = await z.request({
        url: url.href,
        method: 'GET',
        raw: true,
        skipThrowForStatus: true,
        size: MAX_ATTACHMENT_BYTES - total + 1,
        // The Google token only for Google's file-download endpoints (middleware.ts).
        middlewareData: { attachment: true },
      });
      if (response.status >= 400) {
        throw new z.errors.Error(
          `${where} could not be downloaded (HTTP ${response.status}). Check that the file still exists and its link is public or not expired; nothing was sent.`,
          'attachment_fetch_failed',
          response.status,
        );
      }
      content = await response.buffer();
    } catch (err) {
      if (isZapierError(err)) throw err;
      if (isTimeout(err))
        throw new z.errors.Error(
          forZapHistory(
            `Attachment ${index + 1} (${shownUrl(url)}) did not download in time: that server is too slow for a Zap step (30 s). Nothing was sent. Host the file somewhere faster, or send a download link instead.`,
          ),
          'attachment_timeout',
          504,
        );
      const reason =
        err instanceof Error && /over limit|size/i.test(err.message) ? 'too large' : 'unreachable';
      if (reason === 'too large')
        throw new z.errors.Error(tooLarge(MAX_ATTACHMENT_BYTES), 'attachments_too_large', 413);
      throw new z.errors.Error(
        `${where} could not be downloaded (the server was ${reason}). Check the file link; nothing was sent.`,
        'attachment_fetch_failed',
        502,
      );
    }
    total += content.length;
    if (total > MAX_ATTACHMENT_BYTES)
      throw new z.errors.Error(tooLarge(total), 'attachments_too_large', 413);
    files.push({
      filename:
        filenameFromDisposition(response.getHeader('content-disposition')) ??
        filenameFromUrl(url) ??
        `attachment-${index + 1}`,
      contentType: contentTypeOf(response.getHeader('content-type')),
      content,
    });
  }
  return files;
}
