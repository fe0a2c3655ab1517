/**
 * What the strict Google double knows that is in none of the generated definitions (spec.json
 * holds those). Each entry names its source.
 */

/**
 * The proto enum type Google names in an "Invalid value at …" message. Source: the Sheets v4 REST
 * reference (developers.google.com/workspace/sheets/api/reference/rest/v4/ValueInputOption,
 * …/InsertDataOption, …/ValueRenderOption, …/DateTimeRenderOption, …/Dimension) and the
 * message form quoted there by users (`Invalid value at 'value_input_option'
 * (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "USER_ENTER"`). Other enums are
 * named `TYPE_ENUM`.
 */
export const ENUM_TYPES: Record<string, string> = {
  valueInputOption: 'google.apps.sheets.v4.ValueInputOption',
  insertDataOption: 'google.apps.sheets.v4.InsertDataOption',
  valueRenderOption: 'google.apps.sheets.v4.ValueRenderOption',
  responseValueRenderOption: 'google.apps.sheets.v4.ValueRenderOption',
  dateTimeRenderOption: 'google.apps.sheets.v4.DateTimeRenderOption',
  responseDateTimeRenderOption: 'google.apps.sheets.v4.DateTimeRenderOption',
  majorDimension: 'google.apps.sheets.v4.Dimension',
};

/**
 * Parameters the method's own description says the caller must give, though the discovery
 * document marks them optional ("The caller must specify the spreadsheet ID, range, and a
 * valueInputOption" — spreadsheets.values.append/update/batchUpdate). Google answers
 * `'valueInputOption' is required but not specified` (reported in googleapis/google-api-dotnet-client#1287
 * and #2525). `where`: the query string or the JSON body.
 */
export const SERVER_REQUIRED: Record<string, { name: string; where: 'query' | 'body' }[]> = {
  'spreadsheets.values.append': [{ name: 'valueInputOption', where: 'query' }],
  'spreadsheets.values.update': [{ name: 'valueInputOption', where: 'query' }],
  'spreadsheets.values.batchUpdate': [{ name: 'valueInputOption', where: 'body' }],
  'spreadsheets.values.batchUpdateByDataFilter': [{ name: 'valueInputOption', where: 'body' }],
};

/**
 * The request field a method's JSON body binds to, as Google's messages name it
 * (`Unknown name "name" at 'data.values[0]': Cannot find field.` for values.update,
 * google-api-php-client#1396; `Invalid value at 'message.raw'` for users.messages.send). A body
 * bound to the whole request (`body: "*"`, the `…Request` schemas) has no prefix
 * (`Unknown name "requests": Cannot find field.`, google-api-nodejs-client#1380).
 */
export const BODY_FIELDS: Record<string, string> = {
  ValueRange: 'data',
  Message: 'message',
  Spreadsheet: 'spreadsheet',
};

/**
 * Sheets holds at most 50,000 characters in a cell (Google Sheets help, "Files you can store in
 * Google Drive"); the API refuses a longer value with this message (quoted in
 * dhis2/dhis2-utils#117, ONE-F-M/one_fm#1926).
 */
export const MAX_CELL_CHARS = 50_000;
export const CELL_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;

/**
 * Upload protocols of Google's media upload endpoints (`/upload/…`): Gmail API guide "Uploading
 * attachments" (developers.google.com/workspace/gmail/api/guides/uploads): `uploadType=media`,
 * `multipart` or `resumable`. The discovery document's `mediaUpload.accept` for
 * users.messages.send is `message/*` (REST reference: "Accepted Media MIME types: message/*").
 */
export const UPLOAD_TYPES = ['media', 'multipart', 'resumable'];
export const GMAIL_MEDIA_TYPE = /^message\/[^\s;]+/i;

/**
 * Google's OAuth 2.0 endpoints the app calls (developers.google.com/identity/protocols/oauth2/web-server,
 * "Exchange authorization code for refresh and access tokens" and "Refreshing an access token"):
 * form-encoded POSTs. Unknown parameters are ignored (RFC 6749 §3.2).
 */
export const TOKEN_GRANTS: Record<string, string[]> = {
  authorization_code: ['code', 'redirect_uri', 'client_id', 'client_secret'],
  refresh_token: ['refresh_token', 'client_id', 'client_secret'],
};

/** OpenID Connect userinfo (accounts.google.com/.well-known/openid-configuration). */
export const USERINFO_PATH = '/oauth2/v3/userinfo';
/** Token introspection: `access_token` or `id_token`, in the query or a form body. */
export const TOKENINFO_PATH = '/tokeninfo';
export const TOKEN_PATH = '/token';
