import type { ZObject } from 'zapier-platform-core';
import { connectionCache, ONE_DAY_SECONDS } from '../cache';
import { connectedAccount, stripeClient } from '../stripe/client';
import { isStripeError, mapStripeErrors } from '../stripe/errors';
import { retrieveCheckoutOrder, type CheckoutOrder } from '../stripe/order';
import { fetchAttachments, MAX_MESSAGE_BYTES } from './attachments';
import { appendHtml } from './body';
import { composeMime, type EmailMessage } from './compose';
import { connectedEmail, sendMime, type SendRoute } from './gmail';
import { planEmail, type EmailInput, type EmailPlan } from './input';
import { orderSummaryHtml, orderSummaryText } from './order-summary';

export interface SentEmail {
  id: string | null;
  thread_id: string | null;
  to: string;
  cc: string[];
  bcc: string[];
  recipients_count: number;
  attachments_count: number;
  deduplicated: boolean;
  sent_with: SendRoute | null;
  size_bytes: number | null;
}

async function fetchOrder(
  z: ZObject,
  authData: Record<string, unknown>,
  sessionId: string,
): Promise<CheckoutOrder> {
  const stripe = stripeClient(z, authData);
  const account = connectedAccount(authData);
  return mapStripeErrors(z, async () => {
    try {
      return await retrieveCheckoutOrder(stripe, sessionId, account);
    } catch (err) {
      if (isStripeError(err) && err.code === 'resource_missing')
        throw new z.errors.Error(
          `Checkout Session ${sessionId} was not found in the connected Stripe account (check test vs live mode). Nothing was sent.`,
          'checkout_session_not_found',
          404,
        );
      throw err;
    }
  });
}

/** The plan plus what had to be fetched → the message MailComposer builds. */
export function messageFor(
  plan: EmailPlan,
  order: CheckoutOrder | null,
  fromAddress: string | null,
): EmailMessage {
  const { text, html } = plan.bodies;
  return {
    ...(fromAddress ? { from: { name: plan.fromName, address: fromAddress } } : {}),
    to: plan.to,
    cc: plan.cc,
    bcc: plan.bcc,
    replyTo: plan.replyTo,
    subject: plan.subject,
    text: order ? `${text.trimEnd()}\n\n${orderSummaryText(order)}\n` : text,
    html: order ? appendHtml(html, orderSummaryHtml(order)) : html,
    attachments: [],
  };
}

function recipients(plan: EmailPlan): Pick<SentEmail, 'to' | 'cc' | 'bcc' | 'recipients_count'> {
  return {
    to: plan.to.address,
    cc: plan.cc.map((m) => m.address),
    bcc: plan.bcc.map((m) => m.address),
    recipients_count: 1 + plan.cc.length + plan.bcc.length,
  };
}

async function composeAndSend(
  z: ZObject,
  authData: Record<string, unknown>,
  plan: EmailPlan,
): Promise<SentEmail> {
  const [order, attachments, fromAddress] = await Promise.all([
    plan.checkoutSession ? fetchOrder(z, authData, plan.checkoutSession) : null,
    fetchAttachments(z, plan.attachmentUrls),
    // Without a display name Gmail fills in From itself: no lookup needed.
    plan.fromName ? connectedEmail(z) : null,
  ]);
  const mime = await composeMime({ ...messageFor(plan, order, fromAddress), attachments });
  if (mime.length > MAX_MESSAGE_BYTES)
    throw new z.errors.Error(
      `The email is ${(mime.length / 1048576).toFixed(1)} MB once encoded; Gmail accepts 35 MB. Nothing was sent: attach fewer or smaller files, or send a download link.`,
      'message_too_large',
      413,
    );
  const sent = await sendMime(z, mime);
  return {
    id: sent.id,
    thread_id: sent.threadId,
    ...recipients(plan),
    attachments_count: attachments.length,
    deduplicated: false,
    sent_with: sent.route,
    size_bytes: mime.length,
  };
}

/**
 * Checks everything first (bad input → nothing sent), then claims the dedupe key BEFORE sending
 * so two concurrent replays cannot both send, and releases it when the send fails so that a
 * retry can still deliver. After success the key holds Gmail's ids for a day.
 */
export async function sendFulfillmentEmail(
  z: ZObject,
  authData: Record<string, unknown>,
  input: EmailInput,
): Promise<SentEmail> {
  const planned = planEmail(input);
  if ('problem' in planned) throw new z.errors.Error(planned.problem, 'invalid_input', 400);
  const { plan } = planned;
  const key = plan.dedupeKey ? `email-dedupe:${plan.dedupeKey}` : null;
  const cache = connectionCache(z);
  if (key && (await cache.claim(key, Date.now(), ONE_DAY_SECONDS)) === 'taken') {
    const earlier: unknown = await cache.get(key);
    const ids =
      earlier && typeof earlier === 'object'
        ? (earlier as { id?: string; thread_id?: string })
        : {};
    return {
      id: ids.id ?? null,
      thread_id: ids.thread_id ?? null,
      ...recipients(plan),
      attachments_count: 0,
      deduplicated: true,
      sent_with: null,
      size_bytes: null,
    };
  }
  let sent: SentEmail;
  try {
    sent = await composeAndSend(z, authData, plan);
  } catch (err) {
    if (key) await cache.delete(key);
    throw err;
  }
  // The email is out: a failing cache write must not turn that into an error (and a retry).
  if (key) await cache.set(key, { id: sent.id, thread_id: sent.thread_id }, ONE_DAY_SECONDS);
  return sent;
}
