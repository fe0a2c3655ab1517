import {
  checkAttachmentUrl,
  filenameFromDisposition,
  filenameFromUrl,
} from '../../../lib/email/attachments';

describe('checkAttachmentUrl', () => {
  it('accepts http and https URLs', () => {
    expect(checkAttachmentUrl(' https://files.example.com/a.pdf ', 0)).toEqual({
      url: new URL('https://files.example.com/a.pdf'),
    });
    expect(checkAttachmentUrl('http://files.example.com/a.pdf', 0)).toHaveProperty('url');
  });

  it.each([
    'file:///etc/passwd',
    'ftp://files.example.com/a.pdf',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'invoice.pdf',
    '',
    'https://',
  ])('refuses %p, naming the file position', (value) => {
    expect(checkAttachmentUrl(value, 1)).toEqual({
      problem: expect.stringMatching(/^Attachments \(file 2\) ".*" is not a file URL/),
    });
  });
});

describe('filenameFromDisposition', () => {
  it.each([
    ['attachment; filename="invoice 42.pdf"', 'invoice 42.pdf'],
    [
      'attachment; filename="fallback.pdf"; filename*=UTF-8\'\'Rechnung%20M%C3%A4rz.pdf',
      'Rechnung März.pdf',
    ],
    ['inline; filename=plain.txt', 'plain.txt'],
    ['attachment; filename="..\\\\..\\\\evil\r\n.exe"', 'evil .exe'],
    ['attachment; filename="/etc/passwd"', 'passwd'],
    ['attachment', null],
    [undefined, null],
  ])('%p → %p', (header, expected) => {
    expect(filenameFromDisposition(header)).toBe(expected);
  });
});

describe('filenameFromUrl', () => {
  it('takes the last path segment, decoded', () => {
    expect(filenameFromUrl(new URL('https://x.example/files/My%20Guide.pdf?token=abc'))).toBe(
      'My Guide.pdf',
    );
    expect(filenameFromUrl(new URL('https://x.example/'))).toBeNull();
  });
});
