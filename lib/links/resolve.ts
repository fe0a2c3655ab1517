import type Stripe from 'stripe';
import { ID_PATTERNS } from '../stripe/validate';

export type LinkInput = { id: string } | { url: string };
export type ResolvedLink = { id: string | null; url: string; afterCompletion: string | null };

/** A `plink_…` id, or an https URL (buy.stripe.com or a custom domain). */
export function parsePaymentLinkInput(value: unknown): LinkInput | { problem: string } {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text)
    return {
      problem:
        'Payment Link is empty. Paste the link (https://buy.stripe.com/…) or its ID (plink_…).',
    };
  if (ID_PATTERNS.payment_link.test(text)) return { id: text };
  try {
    const url = new URL(text);
    if (url.protocol === 'https:') return { url: url.toString() };
  } catch {
    // fall through
  }
  return {
    problem: 'Payment Link must be the link itself (https://buy.stripe.com/…) or its ID (plink_…).',
  };
}

/** Compares links without their query, fragment or trailing slash. */
export function sameLink(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u);
      return `${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {
      return u;
    }
  };
  return norm(a) === norm(b);
}

/** Links compared against a pasted URL: 3 pages of 100. */
export const MAX_LINKS_CHECKED = 300;

/**
 * The link and its confirmation behaviour. An id costs one call. Stripe cannot look a link up by
 * URL, so a URL is matched against the account's active links, at most 3 pages of 100; beyond
 * that (or for a link of another account) the behaviour stays unknown (null id).
 */
export async function resolvePaymentLink(
  stripe: Stripe,
  input: LinkInput,
  { includeInactive = false }: { includeInactive?: boolean } = {},
): Promise<ResolvedLink> {
  if ('id' in input) {
    const link = await stripe.paymentLinks.retrieve(input.id);
    return { id: link.id, url: link.url, afterCompletion: link.after_completion?.type ?? null };
  }
  let checked = 0;
  for await (const link of stripe.paymentLinks.list({
    ...(includeInactive ? {} : { active: true }),
    limit: 100,
  })) {
    if (sameLink(link.url, input.url))
      return { id: link.id, url: input.url, afterCompletion: link.after_completion?.type ?? null };
    checked += 1;
    if (checked >= MAX_LINKS_CHECKED) break;
  }
  return { id: null, url: input.url, afterCompletion: null };
}
