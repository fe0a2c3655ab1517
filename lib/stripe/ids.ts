/** Stripe fields are either an id or the expanded object; this gives the id either way. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

export function isoFromUnix(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null;
}

/** Link to an object in the Stripe Dashboard, in the right mode and (for Connect) account. */
export function dashboardUrl(path: string, livemode: boolean, account?: string | null): string {
  return `https://dashboard.stripe.com/${account ? `${account}/` : ''}${livemode ? '' : 'test/'}${path}`;
}
