const SECRET_PATTERN =
  /\b(sk|rk|pk)_(test|live)_[A-Za-z0-9]{4,}|\bwhsec_[A-Za-z0-9+/=]{4,}|\bya29\.[A-Za-z0-9._-]+|\b1\/\/[A-Za-z0-9._-]{10,}|\bBearer\s+[A-Za-z0-9._~+/=-]+/g;

/** Removes Stripe keys, webhook secrets and Google tokens from any text we show or log. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, '[redacted]');
}

/** Zap history shows 250 characters of an error: keep what matters first, and cut cleanly. */
export function forZapHistory(message: string, max = 250): string {
  const clean = redactSecrets(message).replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
