import { redactSecrets } from '../redact';

/**
 * Shapes of Stripe ids as a Zap builder pastes them. Checked before any request so that a typo
 * gets a plain message and nothing is sent.
 */
export const ID_PATTERNS = {
  checkout_session: /^cs_(test|live)_[A-Za-z0-9]{10,}$/,
  payment_intent: /^pi_[A-Za-z0-9]{10,}$/,
  charge: /^(ch|py)_[A-Za-z0-9]{10,}$/,
  payment_link: /^plink_[A-Za-z0-9]{10,}$/,
  customer: /^cus_[A-Za-z0-9]{6,}$/,
  price: /^price_[A-Za-z0-9]{6,}$/,
  invoice: /^in_[A-Za-z0-9]{10,}$/,
} as const;

export type StripeIdKind = keyof typeof ID_PATTERNS;

const EXAMPLES: Record<StripeIdKind, string> = {
  checkout_session: 'cs_test_a1B2c3…',
  payment_intent: 'pi_3Nab…',
  charge: 'ch_3Nab… or py_…',
  payment_link: 'plink_1Nab…',
  customer: 'cus_Nab…',
  price: 'price_1Nab…',
  invoice: 'in_1Nab…',
};

export function kindOfStripeId(value: string): StripeIdKind | null {
  const id = value.trim();
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
  const shown = redactSecrets(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return {
    problem: `${fieldLabel} "${shown}" is not a valid id. Expected ${allowed.map((k) => EXAMPLES[k]).join(' or ')}.`,
  };
}
