export const GOOGLE_SCOPES = {
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  gmailSend: 'https://www.googleapis.com/auth/gmail.send',
} as const;

export const OAUTH_SCOPE = ['openid', 'email', GOOGLE_SCOPES.sheets, GOOGLE_SCOPES.gmailSend].join(
  ' ',
);

/** Google lets users untick scopes on the consent screen: name what is missing, in plain words. */
export function missingScopes(granted: string | null | undefined): string[] {
  const have = new Set((granted ?? '').split(/\s+/).filter(Boolean));
  const missing: string[] = [];
  if (!have.has(GOOGLE_SCOPES.sheets))
    missing.push('Google Sheets (see, edit, create and delete spreadsheets)');
  if (!have.has(GOOGLE_SCOPES.gmailSend)) missing.push('Gmail (send email on your behalf)');
  return missing;
}
