import { redactSecrets } from '../redact';

/**
 * Stripe ids are opaque, up to 255 characters, and only their prefix means anything (Stripe:
 * "don't parse them"). So an id is its prefix plus anything without spaces; checked before any
 * request so that a wrong kind of id or a pasted URL gets a plain message and nothing is sent.
 */
export const MAX_ID_LENGTH = 255;
export const ID_PATTERNS = {
  checkout_session: /^cs_(test|live)_\S+$/,
  payment_intent: /^pi_\S+$/,
  charge: /^(ch|py)_\S+$/,
  payment_link: /^plink_\S+$/,
  customer: /^cus_\S+$/,
  price: /^(price|plan)_\S+$/,
  invoice: /^in_\S+$/,
} as const;

export type StripeIdKind = keyof typeof ID_PATTERNS;

const EXAMPLES: Record<StripeIdKind, string> = {
  checkout_session: 'cs_test_a1B2c3…',
  payment_intent: 'pi_3Nab…',
  charge: 'ch_3Nab… or py_…',
  payment_link: 'plink_1Nab…',
  customer: 'cus_Nab…',
  price: 'price_1Nab… (or a legacy Plan id)',
  invoice: 'in_1Nab…',
};

export function kindOfStripeId(value: string): StripeIdKind | null {
  const id = value.trim();
  if (id.length > MAX_ID_LENGTH) return null;
  for (const [kind, pattern] of Object.entries(ID_PATTERNS) as [StripeIdKind, RegExp][]) {
    if (pattern.test(id)) return kind;
  }
  return null;
}

/**
 * The id, trimmed, when it is one of the allowed kinds; otherwise a message naming the field and
 * the accepted forms.
 */
export function checkStripeId(
  value: unknown,
  allowed: readonly StripeIdKind[],
  fieldLabel: string,
): { id: string; kind: StripeIdKind } | { problem: string } {
  const text =
    typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!text)
    return {
      problem: `${fieldLabel} is empty. Map or paste a ${allowed.map((k) => EXAMPLES[k]).join(', ')} id.`,
    };
  const kind = kindOfStripeId(text);
  if (kind && allowed.includes(kind)) return { id: text, kind };
  if (allowed.includes('price') && isLegacyPlanId(text)) return { id: text, kind: 'price' };
  const shown = redactSecrets(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  const hint = text.startsWith('prod_')
    ? ' That is a Product id: choose one of its prices.'
    : text.length > MAX_ID_LENGTH
      ? ` Stripe ids have at most ${MAX_ID_LENGTH} characters.`
      : '';
  return {
    problem: `${fieldLabel} "${shown}" is not a valid id. Expected ${allowed.map((k) => EXAMPLES[k]).join(' or ')}.${hint}`,
  };
}

/**
 * Legacy Plans have ids their owner chose (`gold-monthly`), and Stripe takes them wherever a
 * Price id goes. Anything that could be such an id passes: one token without spaces; not a URL,
 * a Product id, another kind of Stripe id or a pasted secret.
 */
function isLegacyPlanId(text: string): boolean {
  return (
    text.length <= MAX_ID_LENGTH &&
    /^\S+$/.test(text) &&
    !/^[a-z]+:\/\//i.test(text) &&
    !text.startsWith('prod_') &&
    kindOfStripeId(text) === null &&
    redactSecrets(text) === text
  );
}
