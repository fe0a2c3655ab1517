import type Stripe from 'stripe';
import { ID_PATTERNS } from '../stripe/validate';

export type LinkInput = { id: string } | { url: string };
/** `active` is null when the link is unknown (a URL matched to none of the account's links). */
export type ResolvedLink = {
  id: string | null;
  url: string;
  afterCompletion: string | null;
  active: boolean | null;
};

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

/** Links compared against a pasted URL: 3 pages of 100 active ones, then as many inactive. */
export const MAX_LINKS_CHECKED = 300;

/**
 * The account's links that `match`, active ones first, each group newest first: at most
 * MAX_LINKS_CHECKED of each are read (Stripe lists links by `active` only, with no other filter).
 * With `first`, stops at the first match.
 */
export async function scanPaymentLinks(
  stripe: Stripe,
  match: (link: Stripe.PaymentLink) => boolean,
  options: { first?: boolean; expand?: string[] } = {},
): Promise<Stripe.PaymentLink[]> {
  const found: Stripe.PaymentLink[] = [];
  for (const active of [true, false]) {
    let checked = 0;
    const params = { active, limit: 100, ...(options.expand ? { expand: options.expand } : {}) };
    for await (const link of stripe.paymentLinks.list(params)) {
      if (match(link)) {
        found.push(link);
        if (options.first) return found;
      }
      checked += 1;
      if (checked >= MAX_LINKS_CHECKED) break;
    }
  }
  return found;
}

function resolved(link: Stripe.PaymentLink, url: string): ResolvedLink {
  return {
    id: link.id,
    url,
    afterCompletion: link.after_completion?.type ?? null,
    active: link.active,
  };
}

/**
 * The link, its confirmation behaviour and whether it is active. An id costs one call. Stripe
 * cannot look a link up by URL, so a URL is matched against the account's active links, then its
 * inactive ones (an ended campaign is when metrics are read), at most 3 pages of 100 each; beyond
 * that (or for a link of another account) the link stays unknown (null id).
 */
export async function resolvePaymentLink(stripe: Stripe, input: LinkInput): Promise<ResolvedLink> {
  if ('id' in input) {
    const link = await stripe.paymentLinks.retrieve(input.id);
    return resolved(link, link.url);
  }
  const [link] = await scanPaymentLinks(stripe, (l) => sameLink(l.url, input.url), {
    first: true,
  });
  if (link) return resolved(link, input.url);
  return { id: null, url: input.url, afterCompletion: null, active: null };
}

/** A pasted URL that none of the account's links has, with what was checked and what to do. */
export const LINK_NOT_FOUND = `This URL matches none of your Payment Links (the newest ${MAX_LINKS_CHECKED} active and ${MAX_LINKS_CHECKED} inactive were checked). Choose the link from the list or paste its ID (plink_…) from the Dashboard.`;

/** The link's id: as given, or the one of the account's links a pasted URL is; null for none. */
export async function paymentLinkId(stripe: Stripe, input: LinkInput): Promise<string | null> {
  return 'id' in input ? input.id : (await resolvePaymentLink(stripe, input)).id;
}

/** Where Stripe itself serves Payment Links (an account's custom domain is matched by lookup). */
export const STRIPE_LINK_HOSTS: ReadonlySet<string> = new Set([
  'buy.stripe.com',
  'donate.stripe.com',
]);

/**
 * Warnings about the link itself: a pasted URL on a host that is neither Stripe's nor one of the
 * account's links (a look-alike), and a deactivated link, which customers cannot pay.
 */
export function paymentLinkWarnings(input: LinkInput, link: ResolvedLink): string[] {
  const warnings: string[] = [];
  if ('url' in input && link.id === null) {
    const host = new URL(input.url).host;
    if (!STRIPE_LINK_HOSTS.has(host))
      warnings.push(
        `"${host.slice(0, 80)}" is not Stripe's payment link address (buy.stripe.com) and matches none of your Payment Links. Unless it is your own custom domain, do not share it: a look-alike address can take your customers' money elsewhere.`,
      );
  }
  if (link.active === false)
    warnings.push(
      'This Payment Link is deactivated: customers who open it see a "no longer available" page and cannot pay. Reactivate it in Stripe, or use an active link.',
    );
  return warnings;
}
