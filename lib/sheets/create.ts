import type { ZObject } from 'zapier-platform-core';
import { googleRequest, SHEETS_API } from '../google/request';
import { ORDER_LOG_HEADER } from './order-row';
import { rememberHeader } from './sheet';
import { rememberWorksheet } from './tabs';

export type NewOrderLog = {
  spreadsheet_id: string;
  spreadsheet_url: string;
  title: string;
  worksheet: string;
  worksheet_id: number;
  columns: string[];
};

type CreatedSpreadsheet = {
  spreadsheetId: string;
  spreadsheetUrl: string;
  properties: { title: string };
  sheets: { properties: { sheetId: number; title: string } }[];
};

const WIDE_COLUMNS = new Set(['Items', 'Metadata', 'Notes', 'Customer Email', 'Session ID']);

/** spreadsheets.create's body: one tab, the order header in bold on grey, frozen, sized. */
export function orderLogRequest(title: string, worksheet: string): object {
  return {
    properties: { title },
    sheets: [
      {
        properties: { title: worksheet, index: 0, gridProperties: { frozenRowCount: 1 } },
        data: [
          {
            startRow: 0,
            startColumn: 0,
            rowData: [
              {
                values: ORDER_LOG_HEADER.map((name) => ({
                  userEnteredValue: { stringValue: name },
                  userEnteredFormat: {
                    textFormat: { bold: true },
                    backgroundColor: { red: 0.93, green: 0.93, blue: 0.93 },
                  },
                })),
              },
            ],
            columnMetadata: ORDER_LOG_HEADER.map((name) => ({
              pixelSize: WIDE_COLUMNS.has(name) ? 220 : 130,
            })),
          },
        ],
      },
    ],
  };
}

/**
 * A new spreadsheet holding the order log's header, in one call to the Sheets API (the
 * connection's `spreadsheets` scope; no Drive scope). The tab's id and header are remembered,
 * so the next steps write to it without reading it first.
 */
export async function createOrderLog(
  z: ZObject,
  title: string,
  worksheet: string,
): Promise<NewOrderLog> {
  const created = await googleRequest<CreatedSpreadsheet>(z, {
    url: SHEETS_API,
    method: 'POST',
    params: { fields: 'spreadsheetId,spreadsheetUrl,properties.title,sheets.properties' },
    body: orderLogRequest(title, worksheet),
    resource: `a new spreadsheet "${title}"`,
    uncertain:
      'The spreadsheet may have been created: look for it in Google Sheets before replaying this step.',
  });
  const tab = created.sheets[0].properties;
  const ref = { spreadsheetId: created.spreadsheetId, worksheet: tab.title, sheetId: tab.sheetId };
  await Promise.all([
    rememberWorksheet(z, created.spreadsheetId, tab),
    rememberHeader(z, ref, ORDER_LOG_HEADER),
  ]);
  return {
    spreadsheet_id: created.spreadsheetId,
    spreadsheet_url: created.spreadsheetUrl,
    title: created.properties.title,
    worksheet: tab.title,
    worksheet_id: tab.sheetId,
    columns: ORDER_LOG_HEADER,
  };
}
