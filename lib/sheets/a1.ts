/** Pure helpers for Sheets addressing: spreadsheet ids, A1 ranges, column letters. */

const ID = /^[A-Za-z0-9_-]{25,}$/;

export function parseSpreadsheetId(input: unknown): { id: string } | { problem: string } {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text)
    return {
      problem:
        'Spreadsheet is empty. Paste the spreadsheet URL from your browser (https://docs.google.com/spreadsheets/d/…).',
    };
  if (ID.test(text)) return { id: text };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      problem:
        'Spreadsheet must be a Google Sheets URL (https://docs.google.com/spreadsheets/d/…) or its ID.',
    };
  }
  const match = /^\/spreadsheets\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]{25,})/.exec(url.pathname);
  if (url.hostname !== 'docs.google.com' || !match) {
    const kind =
      url.hostname === 'docs.google.com'
        ? 'a Google Docs/Drive link that is not a spreadsheet'
        : `a link to ${url.hostname}`;
    return {
      problem: `Spreadsheet: that is ${kind}. Open the sheet in Google Sheets and paste the URL from the address bar (https://docs.google.com/spreadsheets/d/…).`,
    };
  }
  return { id: match[1] };
}

/** 'Bob''s Orders' — always quoted, inner quotes doubled, so spaces and unicode are safe. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function rangeOf(worksheet: string, a1: string): string {
  return `${quoteSheetName(worksheet)}!${a1}`;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A → 0, AA → 26; null when not a column letter (1 to 3 letters, up to Sheets' ZZZ). */
export function columnIndex(letters: string): number | null {
  const text = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(text)) return null;
  return [...text].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0) - 1;
}

/** The first row number of an A1 range such as `'Orders'!A6:D6` → 6. */
export function firstRowOf(range: string | undefined): number | null {
  const cell = range?.slice(range.lastIndexOf('!') + 1);
  const match = cell ? /^[A-Z]*(\d+)/.exec(cell) : null;
  return match ? Number(match[1]) : null;
}

/** The column count of a range such as `Orders!A1:F10` → 6. */
export function widthOf(range: string | undefined): number | null {
  const cells = range?.slice(range.lastIndexOf('!') + 1).split(':');
  if (!cells || cells.length !== 2) return null;
  const from = columnIndex(cells[0].replace(/\d+$/, ''));
  const to = columnIndex(cells[1].replace(/\d+$/, ''));
  return from === null || to === null ? null : to - from + 1;
}
