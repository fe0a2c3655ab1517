import type { Refusal } from '../wire';

/** Google's JSON error for its APIs: `{ error: { code, message, status, errors, details } }`. */
export function googleError(
  code: number,
  status: string,
  message: string,
  reason: string,
  field?: string,
): Refusal {
  const error: Record<string, unknown> = {
    code,
    message,
    errors: [{ message, domain: 'global', reason }],
    status,
  };
  if (code === 400)
    error.details = [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ ...(field && { field }), description: message }],
      },
    ];
  return { status: code, body: { error }, reason: `google ${code} ${status}: ${message}` };
}

export const invalidArgument = (message: string, field?: string): Refusal =>
  googleError(400, 'INVALID_ARGUMENT', message, 'badRequest', field);

/** Google's answer to a URL none of its methods serves. */
export const notFound = (method: string, path: string): Refusal =>
  googleError(
    404,
    'NOT_FOUND',
    `The requested URL ${method} ${path} was not found on this server.`,
    'notFound',
  );

export const unauthenticated = (): Refusal =>
  googleError(
    401,
    'UNAUTHENTICATED',
    'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    'required',
  );

/** The OAuth endpoints answer the RFC 6749 form: `{ error, error_description }`. */
export function oauthError(status: number, error: string, description: string): Refusal {
  return {
    status,
    body: { error, error_description: description },
    reason: `google oauth ${status} ${error}: ${description}`,
  };
}

/** Proto field names, as Google's messages spell them: `valueInputOption` → `value_input_option`. */
export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
