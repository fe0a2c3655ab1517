import type Stripe from 'stripe';

export type PaymentLinkChoice = { id: string; name: string; url: string; active: boolean };

/** At most this many links in a dropdown (3 pages); a link beyond it can still be pasted by id. */
export const MAX_CHOICES = 300;

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

/** Pages through the account's links (newest first), active ones before inactive ones. */
export async function listPaymentLinkChoices(
  stripe: Stripe,
  max = MAX_CHOICES,
): Promise<PaymentLinkChoice[]> {
  const choices: PaymentLinkChoice[] = [];
  for await (const link of stripe.paymentLinks.list({ limit: 100, expand: ['data.line_items'] })) {
    choices.push(paymentLinkChoice(link));
    if (choices.length >= max) break;
  }
  return [...choices.filter((c) => c.active), ...choices.filter((c) => !c.active)];
}
