/** Stripe keys, webhook secrets and Google access tokens anywhere, even glued behind an id prefix (`pi_sk_live_…`). */
const SECRET_PATTERN =
  /(sk|rk|pk)_(test|live)_[A-Za-z0-9]{4,}|whsec_[A-Za-z0-9+/=]{4,}|ya29\.[A-Za-z0-9._-]+|\b1\/\/[A-Za-z0-9._-]{10,}|\bBearer\s+[A-Za-z0-9._~+/=-]+/g;

/** Removes Stripe keys, webhook secrets and Google tokens from any text we show or log. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, '[redacted]');
}

/** True when the text holds anything `redactSecrets` would remove. */
export function holdsSecret(text: string): boolean {
  return redactSecrets(text) !== text;
}

/** Zap history shows 250 characters of an error: keep what matters first, and cut cleanly. */
export function forZapHistory(message: string, max = 250): string {
  const clean = redactSecrets(message).replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
