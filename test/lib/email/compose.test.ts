import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { composeMime, type EmailMessage } from '../../../lib/email/compose';
import { addressesOf, headerNames } from './mime-helpers';

const base: EmailMessage = {
  to: { name: 'Zoë Müller', address: 'zoe@example.com' },
  cc: [{ name: '', address: 'cc@example.com' }],
  bcc: [{ name: '', address: 'archive@example.com' }],
  replyTo: { name: 'Support', address: 'support@example.com' },
  subject: 'Ihre Bestellung – 山田 ✓',
  text: 'Hello',
  html: '<p>Hello</p>',
  attachments: [
    {
      filename: 'Rechnung März.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF-1.7 test'),
    },
  ],
};

describe('composeMime', () => {
  it('builds multipart/alternative text + HTML, attachments, encoded unicode headers, and keeps Bcc', async () => {
    const mime = await composeMime(base);
    const raw = mime.toString('utf8');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toContain('\r\n');
    const mail = await simpleParser(mime);
    expect(mail.subject).toBe(base.subject);
    expect(mail.to).toMatchObject({ value: [{ name: 'Zoë Müller', address: 'zoe@example.com' }] });
    expect(addressesOf(mail.cc)).toEqual(['cc@example.com']);
    expect(addressesOf(mail.bcc)).toEqual(['archive@example.com']);
    expect(addressesOf(mail.replyTo)).toEqual(['support@example.com']);
    expect(mail.headers.get('from')).toBeUndefined();
    expect(mail.text?.trim()).toBe('Hello');
    expect(mail.html).toBe('<p>Hello</p>');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'Rechnung März.pdf',
      contentType: 'application/pdf',
    });
    expect(mail.attachments[0].content.toString()).toBe('%PDF-1.7 test');
  });

  it('never lets CR/LF in raw names or subject become a header or a recipient (MailComposer itself, no cleaning)', async () => {
    const evil = 'x\r\nBcc: evil@attacker.test\r\nX-Injected: 1';
    const mime = await composeMime({
      ...base,
      from: { name: evil, address: 'shop@example.com' },
      to: { name: evil, address: 'zoe@example.com' },
      replyTo: { name: evil, address: 'support@example.com' },
      subject: evil,
    });
    expect(headerNames(mime)).not.toContain('x-injected');
    expect(headerNames(mime).filter((h) => h === 'bcc')).toHaveLength(1);
    const mail = await simpleParser(mime);
    const all = [mail.from, mail.to, mail.cc, mail.bcc, mail.replyTo].flatMap((f) =>
      addressesOf(f),
    );
    expect(all).not.toContain('evil@attacker.test');
    expect(mail.headers.has('x-injected')).toBe(false);
  });

  it('sends From when given', async () => {
    const mail = await simpleParser(
      await composeMime({ ...base, from: { name: 'Lumen Prints', address: 'shop@example.com' } }),
    );
    expect(mail.from).toMatchObject({
      value: [{ name: 'Lumen Prints', address: 'shop@example.com' }],
    });
  });

  it('ends every line with CRLF, in the bodies too', async () => {
    const raw = (
      await composeMime({ ...base, text: 'line 1\nline 2\n', html: '<p>1</p>\n<p>2</p>' })
    ).toString('utf8');
    expect(raw).not.toMatch(/(?<!\r)\n/);
  });

  it.each([
    ['a file path', () => ({ path: secretFile() }), /^File access rejected for /],
    ['a URL', () => ({ href: 'http://127.0.0.1:9/secret' }), /^Url access rejected for /],
  ])(
    'never reads an attachment whose content is %s (content is only ever in memory)',
    async (_kind, content, refusal) => {
      const attachment = {
        filename: 'x.txt',
        contentType: 'text/plain',
        content: content() as unknown as Buffer,
      };
      await expect(composeMime({ ...base, attachments: [attachment] })).rejects.toThrow(refusal);
    },
  );
});

describe('loading the composer', () => {
  it('works whether the module is the class or an ES module with a default (a bundled build)', async () => {
    const Actual = jest.requireActual('nodemailer/lib/mail-composer');
    let compose: typeof composeMime | undefined;
    jest.isolateModules(() => {
      jest.doMock('nodemailer/lib/mail-composer', () => ({ __esModule: true, default: Actual }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      compose = (require('../../../lib/email/compose') as { composeMime: typeof composeMime })
        .composeMime;
    });
    const mail = await simpleParser(await compose!(base));
    expect(mail.subject).toBe(base.subject);
    jest.dontMock('nodemailer/lib/mail-composer');
  });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function secretFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));
  dirs.push(dir);
  const path = join(dir, 'secret.txt');
  writeFileSync(path, 'not for email');
  return path;
}
