/**
 * Whether Sheets can parse a range in A1 notation (Sheets API guide "Concepts", A1 notation):
 * `Sheet1!A1:B2`, `'My Sheet'!A:A`, `'Bob''s'!1:1`, `Sheet1` (the whole sheet) or a named range.
 * A quoted sheet name doubles its own `'`; an unquoted one holds no `'` or `!`. Columns run A to
 * ZZZ, rows from 1. Anything else Sheets answers with `Unable to parse range: …`.
 */
const CELL = /^(?:[A-Za-z]{1,3}(?:[1-9]\d*)?|[1-9]\d*)$/;

function cellsParse(cells: string): boolean {
  const parts = cells.split(':');
  return parts.length <= 2 && parts.every((p) => CELL.test(p));
}

export function parsesAsA1(range: string): boolean {
  let rest: string;
  if (range.startsWith("'")) {
    const quoted = /^'((?:[^']|'')+)'/.exec(range);
    if (!quoted) return false;
    rest = range.slice(quoted[0].length);
    if (rest === '') return true;
  } else {
    const bang = range.indexOf('!');
    if (bang < 0) return range.length > 0 && !range.includes("'");
    const name = range.slice(0, bang);
    if (!name || name.includes("'")) return false;
    rest = range.slice(bang);
  }
  return rest.startsWith('!') && cellsParse(rest.slice(1));
}
