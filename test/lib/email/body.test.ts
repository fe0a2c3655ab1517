import {
  appendHtml,
  completeBodies,
  decodeEntities,
  escapeHtml,
  htmlToText,
  textToHtml,
} from '../../../lib/email/body';

describe('htmlToText', () => {
  it('turns blocks, breaks and list items into lines and keeps link targets', () => {
    const html =
      '<html><head><title>x</title><style>p{color:red}</style></head><body>' +
      '<h1>Thanks&nbsp;for your order!</h1><p>Download: <a href="https://dl.example.com/f?a=1&amp;b=2">your file</a></p>' +
      '<ul><li>One</li><li>Two</li></ul>Line<br>break <!-- hidden --><script>alert(1)</script></body></html>';
    expect(htmlToText(html)).toBe(
      'Thanks for your order!\n\nDownload: your file (https://dl.example.com/f?a=1&b=2)\n\n- One\n- Two\n\nLine\nbreak',
    );
  });

  it('shows a bare link once when its text is the URL', () => {
    expect(htmlToText('<a href="https://x.example">https://x.example</a>')).toBe(
      'https://x.example',
    );
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references and leaves unknown ones', () => {
    expect(decodeEntities('&lt;b&gt; &amp; &#233; &#x1F600; &euro; &bogus; &#xD800;')).toBe(
      '<b> & é 😀 € &bogus; &#xD800;',
    );
  });
});

describe('textToHtml', () => {
  it('escapes everything, links URLs and keeps line breaks', () => {
    expect(textToHtml('Hi <Zoë> & co,\nget it at https://dl.example.com/x?a=1&b=2.\nBye')).toBe(
      '<div>Hi &lt;Zoë&gt; &amp; co,<br>\nget it at <a href="https://dl.example.com/x?a=1&amp;b=2">https://dl.example.com/x?a=1&amp;b=2</a>.<br>\nBye</div>',
    );
  });

  it('links only http(s) URLs, never javascript:, and stops a link at a quote', () => {
    expect(textToHtml('javascript:alert(1) "https://a.example"')).toBe(
      '<div>javascript:alert(1) &quot;<a href="https://a.example">https://a.example</a>&quot;</div>',
    );
  });
});

describe('escapeHtml / appendHtml / completeBodies', () => {
  it('escapes quotes too (safe inside attributes)', () => {
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('inserts before </body> of a full document, else appends', () => {
    expect(appendHtml('<html><body><p>x</p></body></html>', '<table/>')).toBe(
      '<html><body><p>x</p><table/>\n</body></html>',
    );
    expect(appendHtml('<p>x</p>', '<table/>')).toBe('<p>x</p>\n<table/>');
  });

  it('derives the missing part, keeps given parts, and is null without any body', () => {
    expect(completeBodies('Hi', undefined)).toEqual({ text: 'Hi', html: '<div>Hi</div>' });
    expect(completeBodies('  ', '<p>Hi</p>')).toEqual({ text: 'Hi', html: '<p>Hi</p>' });
    expect(completeBodies('T', '<p>H</p>')).toEqual({ text: 'T', html: '<p>H</p>' });
    expect(completeBodies(' ', '')).toBeNull();
    expect(completeBodies(undefined, undefined)).toBeNull();
  });
});
