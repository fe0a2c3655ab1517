import nock from 'nock';
import type { sheets_v4 } from '@googleapis/sheets';
import type { gmail_v1 } from '@googleapis/gmail';
import { GMAIL_HOST, GOOGLE_APIS, OAUTH_HOST, SHEETS_HOST } from '../helpers';
import userinfo from '../fixtures/email/userinfo.json';
import { columnLetter } from '../../lib/sheets/a1';
import { OAUTH_SCOPE } from '../../lib/connection/scopes';

/**
 * Sheets, Gmail and Google sign-in over nock, with state: spreadsheets hold tabs of rows that
 * appends, updates and creates change and reads return (Google's own response shapes, typed by
 * its generated clients). An unknown spreadsheet is a 404, an unknown tab Google's "Unable to
 * parse range" 400. Requests it has no answer for land in `unhandled`.
 */
type Cell = string | number | boolean;
export interface Tab {
  sheetId: number;
  title: string;
  index: number;
  rows: Cell[][];
}
export interface SentMail {
  route: 'raw' | 'upload';
  mime: string;
}

type Reply = [number, unknown];

const googleError = (code: number, status: string, message: string): Reply => [
  code,
  { error: { code, message, status } },
];

/** `'Bob''s'!A1:C3` → the tab name and the cell part. */
export function splitRange(range: string): { sheet: string; cells: string } {
  if (range.startsWith("'")) {
    let name = '';
    let i = 1;
    for (; i < range.length; i += 1) {
      if (range[i] === "'" && range[i + 1] === "'") {
        name += "'";
        i += 1;
      } else if (range[i] === "'") break;
      else name += range[i];
    }
    return { sheet: name, cells: range.slice(i + 2) };
  }
  const bang = range.indexOf('!');
  return bang < 0
    ? { sheet: range, cells: '' }
    : { sheet: range.slice(0, bang), cells: range.slice(bang + 1) };
}

const columnIndex = (letters: string) =>
  [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** A1 cells as 0-based bounds (open ends stay null): `1:1`, `A:A`, `A1`, `L42`, `A1:C3`. */
export function boundsOf(cells: string) {
  const [from, to = from] = cells.split(':');
  const part = (p: string) => {
    const m = /^\$?([A-Z]*)\$?(\d*)$/.exec(p) ?? ['', '', ''];
    return { col: m[1] ? columnIndex(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = part(from);
  const b = part(to);
  return { col0: a.col, row0: a.row, col1: b.col, row1: b.row };
}

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;

export class GoogleStandIn {
  readonly spreadsheets = new Map<string, { title: string; tabs: Tab[] }>();
  readonly sent: SentMail[] = [];
  readonly unhandled: string[] = [];
  tokensIssued = 0;
  private ids = 0;

  addSpreadsheet(id: string, title: string, tabs: Omit<Tab, 'index'>[]): void {
    this.spreadsheets.set(id, { title, tabs: tabs.map((t, index) => ({ ...t, index })) });
  }

  install(onRequest: (origin: string, method: string, path: string) => void): nock.Scope[] {
    const answer = this.answer.bind(this);
    const unhandled = this.unhandled;
    return [SHEETS_HOST, GMAIL_HOST, GOOGLE_APIS, OAUTH_HOST].map((origin) => {
      const scope = nock(origin).persist();
      for (const method of ['GET', 'POST', 'PUT']) {
        scope
          .intercept(() => true, method)
          .reply(function (uri, body) {
            onRequest(origin, method, uri);
            const raw = typeof body === 'string' ? body : JSON.stringify(body ?? '');
            const type = String(this.req.headers['content-type'] ?? '');
            const reply = answer(origin, method, uri, raw, type);
            if (reply) return [reply[0], reply[1] as nock.Body];
            unhandled.push(`${method} ${origin}${uri}`);
            return [404, { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } }];
          });
      }
      return scope;
    });
  }

  private answer(
    origin: string,
    method: string,
    uri: string,
    body: string,
    type: string,
  ): Reply | null {
    const [path, search = ''] = uri.split('?');
    const query = new URLSearchParams(search);
    if (origin === OAUTH_HOST) return this.oauth(path, body);
    if (origin === GOOGLE_APIS && method === 'GET' && path === '/oauth2/v3/userinfo')
      return [200, userinfo];
    if (origin === GMAIL_HOST && method === 'POST') {
      if (path === '/gmail/v1/users/me/messages/send' && type.startsWith('application/json')) {
        const { raw } = JSON.parse(body) as gmail_v1.Schema$Message;
        return this.send('raw', Buffer.from(raw ?? '', 'base64url').toString('utf8'));
      }
      if (path === '/upload/gmail/v1/users/me/messages/send' && query.get('uploadType') === 'media')
        return this.send('upload', body);
      return null;
    }
    if (origin !== SHEETS_HOST) return null;
    if (path === '/v4/spreadsheets' && method === 'POST') return this.create(JSON.parse(body));
    const m =
      /^\/v4\/spreadsheets\/([^/:]+)(?:(\/values:batchGet|\/values:batchUpdate)|\/values\/([^/]+?)(:append)?)?$/.exec(
        path,
      );
    if (!m) return null;
    const [, id, batch, encodedRange, append] = m;
    const book = this.spreadsheets.get(id);
    if (!book) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    if (!batch && !encodedRange && method === 'GET') {
      const sheets = book.tabs.map((t) => ({
        properties: { sheetId: t.sheetId, title: t.title, index: t.index },
      })) satisfies sheets_v4.Schema$Sheet[];
      return [200, { sheets } satisfies sheets_v4.Schema$Spreadsheet];
    }
    if (batch === '/values:batchGet' && method === 'GET') {
      const ranges = query.getAll('ranges').map((r) => this.read(book.tabs, r, 'ROWS'));
      const failed = ranges.find((r) => r[0] !== 200);
      if (failed) return failed;
      return [200, { spreadsheetId: id, valueRanges: ranges.map((r) => r[1]) }];
    }
    if (batch === '/values:batchUpdate' && method === 'POST')
      return this.batchUpdate(id, book.tabs, JSON.parse(body));
    const range = decodeURIComponent(encodedRange ?? '');
    if (method === 'GET')
      return this.read(
        book.tabs,
        range,
        query.get('majorDimension') === 'COLUMNS' ? 'COLUMNS' : 'ROWS',
      );
    if (method === 'PUT') return this.write(id, book.tabs, range, JSON.parse(body));
    if (method === 'POST' && append) return this.append(id, book.tabs, range, JSON.parse(body));
    return null;
  }

  private oauth(path: string, body: string): Reply | null {
    const form = new URLSearchParams(body);
    if (path === '/token') {
      this.tokensIssued += 1;
      const grant = form.get('grant_type');
      if (grant !== 'authorization_code' && grant !== 'refresh_token')
        return [400, { error: 'unsupported_grant_type' }];
      return [
        200,
        {
          access_token: `ya29.conformance-${this.tokensIssued}`,
          expires_in: 3599,
          scope: OAUTH_SCOPE,
          token_type: 'Bearer',
          ...(grant === 'authorization_code' ? { refresh_token: '1//conformance-refresh' } : {}),
        },
      ];
    }
    if (path === '/tokeninfo')
      return [
        200,
        { azp: 'x', aud: 'x', scope: OAUTH_SCOPE, expires_in: '3000', access_type: 'offline' },
      ];
    return null;
  }

  private send(route: 'raw' | 'upload', mime: string): Reply {
    if (!/^[\w-]+: /m.test(mime)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid message');
    this.sent.push({ route, mime });
    const id = `18c1conf${String(this.sent.length).padStart(8, '0')}`;
    return [200, { id, threadId: id, labelIds: ['SENT'] } satisfies gmail_v1.Schema$Message];
  }

  private create(request: sheets_v4.Schema$Spreadsheet): Reply {
    this.ids += 1;
    const id = `1Conformance${String(this.ids).padStart(4, '0')}AbCdEfGhIjKlMnOpQrSt`;
    const tabs = (request.sheets ?? []).map((sheet, index) => {
      const header = sheet.data?.[0]?.rowData?.[0]?.values ?? [];
      return {
        sheetId: index === 0 ? 0 : 1000 + index,
        title: sheet.properties?.title ?? `Sheet${index + 1}`,
        index,
        rows: header.length ? [header.map((v) => v.userEnteredValue?.stringValue ?? '')] : [],
      };
    });
    const title = request.properties?.title ?? 'Untitled spreadsheet';
    this.spreadsheets.set(id, { title, tabs });
    return [
      200,
      {
        spreadsheetId: id,
        spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${id}/edit`,
        properties: { title },
        sheets: tabs.map((t) => ({
          properties: {
            sheetId: t.sheetId,
            title: t.title,
            index: t.index,
            sheetType: 'GRID',
            gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 },
          },
        })),
      } satisfies sheets_v4.Schema$Spreadsheet,
    ];
  }

  private tabOf(tabs: Tab[], range: string): { tab: Tab; cells: string } | Reply {
    const { sheet, cells } = splitRange(range);
    const tab = tabs.find((t) => t.title === sheet);
    return tab
      ? { tab, cells }
      : googleError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
  }

  private read(tabs: Tab[], range: string, major: 'ROWS' | 'COLUMNS'): Reply {
    const found = this.tabOf(tabs, range);
    if (Array.isArray(found)) return found;
    const { tab, cells } = found;
    const b = boundsOf(cells);
    const width = Math.max(0, ...tab.rows.map((r) => r.length));
    const col0 = b.col0 ?? 0;
    const col1 = b.col1 ?? width - 1;
    const row0 = b.row0 ?? 0;
    const row1 = Math.min(b.row1 ?? tab.rows.length - 1, tab.rows.length - 1);
    const rows: Cell[][] = [];
    for (let r = row0; r <= row1; r += 1) rows.push((tab.rows[r] ?? []).slice(col0, col1 + 1));
    while (rows.length && rows[rows.length - 1].every((v) => v === '')) rows.pop();
    const trimmed = rows.map((row) => {
      const out = [...row];
      while (out.length && out[out.length - 1] === '') out.pop();
      return out;
    });
    const values =
      major === 'COLUMNS'
        ? Array.from({ length: col1 - col0 + 1 }, (_, c) => trimmed.map((row) => row[c] ?? ''))
            .map((col) => {
              while (col.length && col[col.length - 1] === '') col.pop();
              return col;
            })
            .filter((col, i, all) => col.length > 0 || all.slice(i).some((x) => x.length))
        : trimmed;
    const a1 = `${columnLetter(col0)}${row0 + 1}:${columnLetter(Math.max(col0, col1))}${b.row1 === null ? Math.max(1, tab.rows.length) : b.row1 + 1}`;
    const out: sheets_v4.Schema$ValueRange = {
      range: `${quote(tab.title)}!${a1}`,
      majorDimension: major,
    };
    if (values.length && values.some((v) => v.length)) out.values = values;
    return [200, out];
  }

  private setCell(tab: Tab, row: number, col: number, value: Cell): void {
    while (tab.rows.length <= row) tab.rows.push([]);
    const cells = tab.rows[row];
    while (cells.length <= col) cells.push('');
    cells[col] = value;
  }

  private write(id: string, tabs: Tab[], range: string, body: sheets_v4.Schema$ValueRange): Reply {
    const found = this.tabOf(tabs, range);
    if (Array.isArray(found)) return found;
    const { tab, cells } = found;
    const b = boundsOf(cells);
    const values = (body.values ?? []) as Cell[][];
    values.forEach((row, r) =>
      row.forEach((v, c) => this.setCell(tab, (b.row0 ?? 0) + r, (b.col0 ?? 0) + c, v)),
    );
    const width = Math.max(0, ...values.map((r) => r.length));
    const start = `${columnLetter(b.col0 ?? 0)}${(b.row0 ?? 0) + 1}`;
    const end = `${columnLetter((b.col0 ?? 0) + Math.max(0, width - 1))}${(b.row0 ?? 0) + values.length}`;
    return [
      200,
      {
        spreadsheetId: id,
        updatedRange: `${quote(tab.title)}!${start}${start === end ? '' : `:${end}`}`,
        updatedRows: values.length,
        updatedColumns: width,
        updatedCells: values.reduce((n, r) => n + r.length, 0),
      } satisfies sheets_v4.Schema$UpdateValuesResponse,
    ];
  }

  private append(id: string, tabs: Tab[], range: string, body: sheets_v4.Schema$ValueRange): Reply {
    const found = this.tabOf(tabs, range);
    if (Array.isArray(found)) return found;
    const { tab } = found;
    let last = tab.rows.length;
    while (last > 0 && tab.rows[last - 1].every((v) => v === '')) last -= 1;
    const width = Math.max(1, ...tab.rows.slice(0, last).map((r) => r.length));
    const tableRange = last
      ? `${quote(tab.title)}!A1:${columnLetter(width - 1)}${last}`
      : undefined;
    const values = (body.values ?? []) as Cell[][];
    tab.rows.splice(last, 0, ...values.map((r) => [...r]));
    const written = Math.max(0, ...values.map((r) => r.length));
    const updatedRange = `${quote(tab.title)}!A${last + 1}:${columnLetter(Math.max(0, written - 1))}${last + values.length}`;
    return [
      200,
      {
        spreadsheetId: id,
        ...(tableRange ? { tableRange } : {}),
        updates: {
          spreadsheetId: id,
          updatedRange,
          updatedRows: values.length,
          updatedColumns: written,
          updatedCells: values.reduce((n, r) => n + r.length, 0),
        },
      } satisfies sheets_v4.Schema$AppendValuesResponse,
    ];
  }

  private batchUpdate(
    id: string,
    tabs: Tab[],
    body: sheets_v4.Schema$BatchUpdateValuesRequest,
  ): Reply {
    const responses: sheets_v4.Schema$UpdateValuesResponse[] = [];
    for (const data of body.data ?? []) {
      const reply = this.write(id, tabs, data.range ?? '', data);
      if (reply[0] !== 200) return reply;
      responses.push(reply[1] as sheets_v4.Schema$UpdateValuesResponse);
    }
    return [
      200,
      {
        spreadsheetId: id,
        totalUpdatedRows: responses.length,
        totalUpdatedColumns: responses.length,
        totalUpdatedCells: responses.length,
        totalUpdatedSheets: 1,
        responses,
      } satisfies sheets_v4.Schema$BatchUpdateValuesResponse,
    ];
  }
}
