import type Stripe from 'stripe';
import { isMissing } from '../stripe/accounts';
import { NotInAccount } from '../stripe/errors';
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

/** The one code every operation gives a Payment Link the connected account does not have. */
export const LINK_NOT_FOUND_CODE = 'payment_link_not_found';

/** The one message for it, naming the link as given (an id, or a URL cut short). */
export function linkNotFoundMessage(input: LinkInput): string {
  const given = 'id' in input ? input.id : input.url;
  const shown = given.length > 40 ? `${given.slice(0, 39)}…` : given;
  return `Payment Link ${shown} is not in the Stripe account this Zap is connected to. Check test vs live mode and the account, or pick it from the list (a URL is matched among the newest ${MAX_LINKS_CHECKED} active and ${MAX_LINKS_CHECKED} inactive links).`;
}

export function paymentLinkNotFound(input: LinkInput): NotInAccount {
  return new NotInAccount(linkNotFoundMessage(input), LINK_NOT_FOUND_CODE);
}

/**
 * The link, checked to be in the connected account: an id (or a dropdown value) costs one
 * retrieve; Stripe cannot look a link up by URL, so a URL is matched against the account's
 * active links, then its inactive ones (an ended campaign is when metrics are read), at most
 * MAX_LINKS_CHECKED of each. Not there (another account, the other mode, beyond the links
 * checked) → NotInAccount with the one message and code. Parse the input first
 * (parsePaymentLinkInput): malformed input never reaches Stripe.
 */
export async function requirePaymentLink(
  stripe: Stripe,
  input: LinkInput,
): Promise<Stripe.PaymentLink> {
  if ('id' in input) {
    try {
      return await stripe.paymentLinks.retrieve(input.id);
    } catch (err) {
      throw isMissing(err) ? paymentLinkNotFound(input) : err;
    }
  }
  const [link] = await scanPaymentLinks(stripe, (l) => sameLink(l.url, input.url), {
    first: true,
  });
  if (!link) throw paymentLinkNotFound(input);
  return link;
}

/** The id of a link the connected account has (requirePaymentLink): what every link input uses. */
export async function requirePaymentLinkId(stripe: Stripe, input: LinkInput): Promise<string> {
  return (await requirePaymentLink(stripe, input)).id;
}

/**
 * For a link only turned into a URL (Build Tracked Link): an id must be the account's (as
 * everywhere); a pasted URL none of the checked links has stays usable, unknown (null id), for
 * the caller to warn about.
 */
export async function resolvePaymentLink(stripe: Stripe, input: LinkInput): Promise<ResolvedLink> {
  try {
    const link = await requirePaymentLink(stripe, input);
    return resolved(link, 'id' in input ? link.url : input.url);
  } catch (err) {
    if ('url' in input && err instanceof NotInAccount)
      return { id: null, url: input.url, afterCompletion: null, active: null };
    throw err;
  }
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
