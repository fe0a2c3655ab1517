export interface ConnectionCheck {
  stripe_account_id: string | null;
  stripe_account_name: string;
  stripe_mode: 'test' | 'live';
  google_email: string;
}

export function connectionLabel(check: Partial<ConnectionCheck>): string {
  const stripe = `${check.stripe_account_name ?? 'Stripe'} (${check.stripe_mode ?? 'test'} mode)`;
  return check.google_email ? `${stripe} · ${check.google_email}` : stripe;
}
