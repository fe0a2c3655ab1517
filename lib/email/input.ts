import { forZapHistory } from '../redact';
import { checkStripeId } from '../stripe/validate';
import {
  MAX_RECIPIENTS,
  checkAddress,
  checkAddressList,
  cleanHeaderText,
  mailbox,
  type Mailbox,
} from './address';
import { checkAttachmentUrl } from './attachments';
import { completeBodies, type Bodies } from './body';

/** What the Zap step hands over, as Zapier delivers it (strings, lists, maybe missing). */
export interface EmailInput {
  to?: unknown;
  to_name?: unknown;
  subject?: unknown;
  body_text?: unknown;
  body_html?: unknown;
  from_name?: unknown;
  reply_to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  attachments?: unknown;
  checkout_session?: unknown;
  dedupe_key?: unknown;
  dedupe_scope?: unknown;
}

/** What a Dedupe Key stands for: this exact message (the default), or anything sent with the key. */
export type DedupeScope = 'message' | 'key';

/** Everything checked: what remains can only fail at Stripe, the file hosts or Gmail. */
export interface EmailPlan {
  to: Mailbox;
  cc: Mailbox[];
  bcc: Mailbox[];
  replyTo?: Mailbox;
  fromName: string;
  subject: string;
  bodies: Bodies;
  attachmentUrls: URL[];
  checkoutSession: string | null;
  dedupeKey: string | null;
  dedupeScope: DedupeScope;
}

export const MAX_DEDUPE_KEY_LENGTH = 200;

function present(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.filter(present);
  return present(value) ? [value] : [];
}

/** Pure: the plan, or the first problem in words for the Zap history (nothing is sent then). */
export function planEmail(input: EmailInput): { plan: EmailPlan } | { problem: string } {
  const to = checkAddress(input.to, 'To');
  if ('problem' in to) return to;
  const cc = checkAddressList(list(input.cc), 'CC');
  if ('problem' in cc) return cc;
  const bcc = checkAddressList(list(input.bcc), 'BCC');
  if ('problem' in bcc) return bcc;
  const count = 1 + cc.addresses.length + bcc.addresses.length;
  if (count > MAX_RECIPIENTS)
    return {
      problem: `This email has ${count} recipients (To, CC and BCC); Gmail allows ${MAX_RECIPIENTS} per message. Split them over several steps or use a mailing tool.`,
    };
  let replyTo: Mailbox | undefined;
  if (present(input.reply_to)) {
    const checked = checkAddress(input.reply_to, 'Reply-To');
    if ('problem' in checked) return checked;
    replyTo = mailbox(checked.address);
  }
  const subject = cleanHeaderText(input.subject);
  if (!subject)
    return { problem: 'Subject is empty. Enter a subject, like "Your download is ready".' };
  const bodies = completeBodies(input.body_text, input.body_html);
  if (!bodies)
    return {
      problem:
        'The email has no body. Fill in Body (Plain Text) or Body (HTML), or both; the other part is made from the one you give.',
    };
  const attachmentUrls: URL[] = [];
  for (const [index, value] of list(input.attachments).entries()) {
    const checked = checkAttachmentUrl(value, index);
    if ('problem' in checked) return checked;
    attachmentUrls.push(checked.url);
  }
  let checkoutSession: string | null = null;
  if (present(input.checkout_session)) {
    const checked = checkStripeId(input.checkout_session, ['checkout_session'], 'Checkout Session');
    if ('problem' in checked) return checked;
    checkoutSession = checked.id;
  }
  const dedupeKey = present(input.dedupe_key) ? String(input.dedupe_key).trim() : null;
  if (dedupeKey && dedupeKey.length > MAX_DEDUPE_KEY_LENGTH)
    return {
      problem: `Dedupe Key is ${dedupeKey.length} characters long; use at most ${MAX_DEDUPE_KEY_LENGTH}, such as the Checkout Session ID.`,
    };
  const scope = present(input.dedupe_scope) ? String(input.dedupe_scope).trim() : 'message';
  if (scope !== 'message' && scope !== 'key')
    return {
      problem: `Dedupe Scope "${forZapHistory(scope, 40)}" is not one of the choices: use "message" (this exact email) or "key" (anything with this key).`,
    };
  return {
    plan: {
      to: mailbox(to.address, input.to_name),
      cc: cc.addresses.map((a) => mailbox(a)),
      bcc: bcc.addresses.map((a) => mailbox(a)),
      replyTo,
      fromName: cleanHeaderText(input.from_name),
      subject,
      bodies,
      attachmentUrls,
      checkoutSession,
      dedupeKey,
      dedupeScope: scope,
    },
  };
}
