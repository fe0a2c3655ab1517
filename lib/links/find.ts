import type Stripe from 'stripe';
import { dashboardUrl } from '../stripe/ids';
import { parsePaymentLinkInput, sameLink, scanPaymentLinks } from './resolve';

export type LinkQuery = { id: string } | { url: string } | { text: string };
export type MatchedBy = 'id' | 'url' | 'metadata' | 'product';

/** A `plink_…` id or an https URL as every link input reads them; any other text is searched. */
export function parseLinkQuery(value: unknown): LinkQuery | { problem: string } {
  const raw = typeof value === 'string' ? value.trim() : '';
  if (!raw)
    return {
      problem:
        'Payment Link is empty: map its URL, its ID (plink_…), a metadata value or a product name.',
    };
  const link = parsePaymentLinkInput(raw);
  return 'problem' in link ? { text: raw } : link;
}

const productNames = (link: Stripe.PaymentLink): string[] =>
  (link.line_items?.data ?? []).map((item) => item.description ?? '').filter(Boolean);

/** Text matches a metadata value exactly, or a product name in part; any case. */
export function textMatch(link: Stripe.PaymentLink, text: string): MatchedBy | null {
  const wanted = text.toLowerCase();
  if (Object.values(link.metadata ?? {}).some((v) => v.toLowerCase() === wanted)) return 'metadata';
  if (productNames(link).some((name) => name.toLowerCase().includes(wanted))) return 'product';
  return null;
}

const EXPAND_ITEMS = ['data.line_items'];

/**
 * The links matching, active first, newest first within each. An id is one call (a missing one
 * is no match); a URL or text is looked for among the newest active and inactive links.
 */
export async function findPaymentLinks(
  stripe: Stripe,
  query: LinkQuery,
): Promise<{ links: Stripe.PaymentLink[]; matchedBy: MatchedBy[] }> {
  if ('id' in query) {
    try {
      const link = await stripe.paymentLinks.retrieve(query.id, { expand: ['line_items'] });
      return { links: [link], matchedBy: ['id'] };
    } catch (err) {
      if ((err as { code?: string }).code === 'resource_missing')
        return { links: [], matchedBy: [] };
      throw err;
    }
  }
  if ('url' in query) {
    const links = await scanPaymentLinks(stripe, (l) => sameLink(l.url, query.url), {
      first: true,
      expand: EXPAND_ITEMS,
    });
    return { links, matchedBy: links.map(() => 'url') };
  }
  const links = await scanPaymentLinks(stripe, (l) => textMatch(l, query.text) !== null, {
    expand: EXPAND_ITEMS,
  });
  return { links, matchedBy: links.map((l) => textMatch(l, query.text)!) };
}

export type PaymentLinkRecord = {
  id: string;
  url: string;
  active: boolean;
  name: string;
  products: string;
  line_items_count: number;
  currency: string;
  after_completion: string;
  redirect_url: string | null;
  metadata: Record<string, string>;
  dashboard_url: string;
  matched_by: MatchedBy;
  links_matched: number;
};

export function paymentLinkRecord(
  link: Stripe.PaymentLink,
  matchedBy: MatchedBy,
  matched: number,
  account: string | null,
): PaymentLinkRecord {
  const products = productNames(link);
  return {
    id: link.id,
    url: link.url,
    active: link.active,
    name: link.metadata?.name || products[0] || 'Payment link',
    products: products.join(', '),
    line_items_count: link.line_items?.data.length ?? 0,
    currency: link.currency,
    after_completion: link.after_completion.type,
    redirect_url: link.after_completion.redirect?.url ?? null,
    metadata: link.metadata ?? {},
    dashboard_url: dashboardUrl(`payment-links/${link.id}`, link.livemode, account),
    matched_by: matchedBy,
    links_matched: matched,
  };
}
