import { createHash, randomUUID } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, ONE_DAY_SECONDS } from '../cache';
import { connectedAccount, stripeClient } from '../stripe/client';
import { isStripeError, mapStripeErrors, missingMessage } from '../stripe/errors';
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
          `${missingMessage(err) ?? `Checkout Session ${sessionId} is not in the connected Stripe account.`} Nothing was sent.`,
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

interface Composed {
  mime: Buffer;
  attachments: number;
}

/** Everything but the send: the order, the files and the From address fetched; the MIME built. */
async function compose(
  z: ZObject,
  authData: Record<string, unknown>,
  plan: EmailPlan,
): Promise<Composed> {
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
  return { mime, attachments: attachments.length };
}

/**
 * A Zap step is killed at 30 s and then runs no cleanup, so a claim must not outlive a killed
 * run by much: "sending" lasts a minute, "sent" (with Gmail's ids) a day.
 */
export const SENDING_TTL_SECONDS = 60;

type DedupeState =
  | { state: 'sending'; run: string }
  | { state: 'sent'; id: string | null; thread_id: string | null };

/**
 * The cache key of one email. By default the Dedupe Key stands for this exact message —
 * recipients, subject, bodies, order summary and attachments — so a customer email and a
 * warehouse email keyed by the same session both go; scope "key" makes the key alone count.
 * Hashed: the key stays short whatever the user maps.
 */
export function dedupeCacheKey(plan: EmailPlan): string | null {
  if (!plan.dedupeKey) return null;
  const message =
    plan.dedupeScope === 'key'
      ? []
      : [
          [plan.to, ...plan.cc, ...plan.bcc].map((m) => m.address.toLowerCase()),
          plan.subject,
          plan.bodies.text,
          plan.bodies.html,
          plan.checkoutSession,
          plan.attachmentUrls.map((u) => u.href),
        ];
  const digest = createHash('sha256')
    .update(JSON.stringify([plan.dedupeScope, plan.dedupeKey, message]))
    .digest('base64url');
  return `email-dedupe:${digest}`;
}

/** What an earlier run left: its result to repeat, a run in flight to wait for, or nothing. */
function earlierOutcome(z: ZObject, plan: EmailPlan, earlier: unknown): SentEmail | null {
  const state = earlier && typeof earlier === 'object' ? (earlier as Partial<DedupeState>) : null;
  if (state?.state === 'sending')
    throw new z.errors.ThrottledError(
      'This email (same Dedupe Key, recipient, subject and body) is being sent by another run of this step right now. Zapier retries in a minute: it is then reported as sent, or sent if that run was stopped.',
      SENDING_TTL_SECONDS,
    );
  if (state?.state !== 'sent') return null;
  return {
    id: state.id ?? null,
    thread_id: state.thread_id ?? null,
    ...recipients(plan),
    attachments_count: 0,
    deduplicated: true,
    sent_with: null,
    size_bytes: null,
  };
}

/**
 * Checks everything first (bad input → nothing sent). With a Dedupe Key: an email already sent
 * is reported, not sent again; otherwise the message is composed, then claimed as "sending"
 * just before Gmail is called and confirmed as "sent" once Gmail answers. A failed send releases
 * its own claim, and a killed run's claim expires within a minute, so a retry can still deliver.
 */
export async function sendFulfillmentEmail(
  z: ZObject,
  authData: Record<string, unknown>,
  input: EmailInput,
): Promise<SentEmail> {
  const planned = planEmail(input);
  if ('problem' in planned) throw new z.errors.Error(planned.problem, 'invalid_input', 400);
  const { plan } = planned;
  const key = dedupeCacheKey(plan);
  const cache = connectionCache(z);
  if (key) {
    const done = earlierOutcome(z, plan, await cache.get(key));
    if (done) return done;
  }
  const { mime, attachments } = await compose(z, authData, plan);
  const run = randomUUID();
  if (key) {
    const sending: DedupeState = { state: 'sending', run };
    if ((await cache.claim(key, sending, SENDING_TTL_SECONDS)) === 'taken') {
      const done = earlierOutcome(z, plan, await cache.get(key));
      if (done) return done;
    }
  }
  let sent;
  try {
    sent = await sendMime(z, mime);
  } catch (err) {
    // Only our own claim: a late failure must never erase another run's "sent".
    if (key) {
      const current = await cache.get<Partial<DedupeState>>(key);
      if (current?.state === 'sending' && current.run === run) await cache.delete(key);
    }
    throw err;
  }
  // The email is out: a failing cache write must not turn that into an error (and a retry).
  if (key) {
    const done: DedupeState = { state: 'sent', id: sent.id, thread_id: sent.threadId };
    await cache.set(key, done, ONE_DAY_SECONDS);
  }
  return {
    id: sent.id,
    thread_id: sent.threadId,
    ...recipients(plan),
    attachments_count: attachments,
    deduplicated: false,
    sent_with: sent.route,
    size_bytes: mime.length,
  };
}
