import type Stripe from 'stripe';

export type PaymentLinkChoice = { id: string; name: string; url: string; active: boolean };

/** A readable name: the link's own `name` metadata, else its first item, plus the URL. */
export function paymentLinkChoice(link: Stripe.PaymentLink): PaymentLinkChoice {
  const first = link.line_items?.data[0]?.description;
  const title = link.metadata?.name || first || 'Payment link';
  const more = (link.line_items?.data.length ?? 0) > 1 ? ' + more' : '';
  return {
    id: link.id,
    name: `${title}${more} — ${link.url}${link.active ? '' : ' (inactive)'}`,
    url: link.url,
    active: link.active,
  };
}

/** Active links before inactive ones, each group in Stripe's order (newest first). */
export function activeFirst(choices: PaymentLinkChoice[]): PaymentLinkChoice[] {
  return [...choices.filter((c) => c.active), ...choices.filter((c) => !c.active)];
}
