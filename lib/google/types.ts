import type { gmail_v1 } from '@googleapis/gmail';
import type { sheets_v4 } from '@googleapis/sheets';

/*
 * Sheets and Gmail payloads typed by Google's own generated definitions (the dev dependencies
 * @googleapis/sheets and @googleapis/gmail). Type-only: erased at compile time, so nothing of those
 * packages reaches the build; their runtime is not used (see README: REST through z.request).
 */

export type ValueRange = sheets_v4.Schema$ValueRange;
export type AppendValuesResponse = sheets_v4.Schema$AppendValuesResponse;
export type UpdateValuesResponse = sheets_v4.Schema$UpdateValuesResponse;
export type Spreadsheet = sheets_v4.Schema$Spreadsheet;
export type GmailMessage = gmail_v1.Schema$Message;

/** URL query parameters of a Google method: its own parameter names, as strings on the URL. */
export type QueryOf<P> = {
  [K in Exclude<
    keyof P,
    'auth' | 'requestBody' | 'media' | 'spreadsheetId' | 'range' | 'userId'
  >]?: string;
};

export type AppendQuery = QueryOf<sheets_v4.Params$Resource$Spreadsheets$Values$Append>;
export type GetValuesQuery = QueryOf<sheets_v4.Params$Resource$Spreadsheets$Values$Get>;
export type UpdateValuesQuery = QueryOf<sheets_v4.Params$Resource$Spreadsheets$Values$Update>;
export type GetSpreadsheetQuery = QueryOf<sheets_v4.Params$Resource$Spreadsheets$Get>;
export type SendMessageQuery = QueryOf<gmail_v1.Params$Resource$Users$Messages$Send>;
