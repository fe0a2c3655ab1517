import type { Mailbox } from './address';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailMessage {
  /** Omitted: Gmail fills in the connected account's own address and name. */
  from?: Mailbox;
  to: Mailbox;
  cc: Mailbox[];
  bcc: Mailbox[];
  replyTo?: Mailbox;
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
}

type MailComposerModule = typeof import('nodemailer/lib/mail-composer');
type MailComposerClass = MailComposerModule['default'];
let composerClass: MailComposerClass | undefined;

/** Loaded on first use, not at app load: only this step composes email. */
function loadMailComposer(): MailComposerClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('nodemailer/lib/mail-composer') as MailComposerModule | MailComposerClass;
  composerClass ??= 'default' in loaded ? loaded.default : loaded;
  return composerClass;
}

/**
 * The RFC 5322 message, built by nodemailer's MailComposer. Addresses go in as { name, address }
 * objects only (never strings, which MailComposer would parse as lists); Bcc is kept in the
 * headers because Gmail reads recipients from them. No URL or file access: content is in memory.
 */
export async function composeMime(message: EmailMessage): Promise<Buffer> {
  const MailComposer = loadMailComposer();
  const node = new MailComposer({
    ...(message.from ? { from: message.from } : {}),
    to: [message.to],
    ...(message.cc.length ? { cc: message.cc } : {}),
    ...(message.bcc.length ? { bcc: message.bcc } : {}),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
    disableUrlAccess: true,
    disableFileAccess: true,
    newline: 'win',
  }).compile();
  node.keepBcc = true;
  return node.build();
}
