/**
 * The two parts of the message. When the Zap gives only one, the other is derived here: plain
 * functions, no dependencies.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  times: '×',
  middot: '·',
  bull: '•',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isInteger(code) &&
        code > 0 &&
        code <= 0x10ffff &&
        !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const BLOCK_END =
  /<\/(p|div|h[1-6]|tr|table|ul|ol|blockquote|pre|section|article|header|footer)\s*>/gi;

/** Readable plain text from HTML: links keep their URL, blocks and <br> become line breaks. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(
      /<a\b[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi,
      (_m, _q, href: string, label: string) => {
        const shownLabel = label.replace(/<[^>]*>/g, '').trim();
        const url = decodeEntities(href.trim());
        return !shownLabel || decodeEntities(shownLabel) === url ? url : `${shownLabel} (${url})`;
      },
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(BLOCK_END, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** HTML from plain text: everything escaped, http(s) URLs become links, newlines become <br>. */
export function textToHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const body = lines
    .map((line) => {
      let out = '';
      let last = 0;
      for (const match of line.matchAll(URL_IN_TEXT)) {
        const url = match[0];
        out +=
          escapeHtml(line.slice(last, match.index)) +
          `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
        last = (match.index ?? 0) + url.length;
      }
      return out + escapeHtml(line.slice(last));
    })
    .join('<br>\n');
  return `<div>${body}</div>`;
}

/** Adds an HTML fragment at the end of the body (before </body> when the HTML is a full document). */
export function appendHtml(html: string, fragment: string): string {
  const close = html.search(/<\/body\s*>/i);
  return close === -1
    ? `${html}\n${fragment}`
    : `${html.slice(0, close)}${fragment}\n${html.slice(close)}`;
}

export interface Bodies {
  text: string;
  html: string;
}

/** Both parts from whichever the Zap gave; null when neither has content. */
export function completeBodies(text: unknown, html: unknown): Bodies | null {
  const t = typeof text === 'string' ? text : '';
  const h = typeof html === 'string' ? html : '';
  if (!t.trim() && !h.trim()) return null;
  return { text: t.trim() ? t : htmlToText(h), html: h.trim() ? h : textToHtml(t) };
}
