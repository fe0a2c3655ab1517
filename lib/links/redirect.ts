export const SESSION_PLACEHOLDER = '{CHECKOUT_SESSION_ID}';

/**
 * The redirect URL after payment, https only. Adds `session_id={CHECKOUT_SESSION_ID}` unless the
 * URL already carries the placeholder (or the option is off). The braces stay literal: Stripe
 * replaces the placeholder only in that exact form, so the URL is not rebuilt by URLSearchParams
 * (which would encode them).
 */
export function redirectUrlWithSession(
  input: string,
  addSessionId: boolean,
): { url: string } | { problem: string } {
  const text = input.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return {
      problem:
        'Redirect URL is not a web address. Give the full address of your thank-you page, starting with https://.',
    };
  }
  if (parsed.protocol !== 'https:')
    return {
      problem: 'Redirect URL must start with https:// (Stripe redirects only to secure pages).',
    };
  if (!addSessionId || text.includes(SESSION_PLACEHOLDER)) return { url: text };
  const hashAt = text.indexOf('#');
  const [head, hash] = hashAt >= 0 ? [text.slice(0, hashAt), text.slice(hashAt)] : [text, ''];
  const joiner = head.includes('?') ? (head.endsWith('?') || head.endsWith('&') ? '' : '&') : '?';
  return { url: `${head}${joiner}session_id=${SESSION_PLACEHOLDER}${hash}` };
}
