import type Stripe from 'stripe';
import { yesNo } from '../input';

export const PROMOTIONS_CONSENT_LABEL = 'Collect Promotional Emails Consent';

type Promotions = 'auto' | 'none';

/** Pure: yes → `auto` (Checkout asks for consent), no → `none`, empty → not given (null). */
export function promotionsChoice(
  value: unknown,
): { promotions: Promotions | null } | { problem: string } {
  const choice = yesNo(value, PROMOTIONS_CONSENT_LABEL);
  if ('problem' in choice) return choice;
  return { promotions: choice.value === null ? null : choice.value ? 'auto' : 'none' };
}

/**
 * Pure: the link's consent settings with promotions changed, the others (terms of service,
 * payment-method reuse text) sent as they are so the update keeps them.
 */
export function consentCollectionUpdate(
  current: Stripe.PaymentLink.ConsentCollection | null,
  promotions: Promotions,
): Stripe.PaymentLinkUpdateParams.ConsentCollection {
  return {
    ...(current?.terms_of_service ? { terms_of_service: current.terms_of_service } : {}),
    ...(current?.payment_method_reuse_agreement
      ? { payment_method_reuse_agreement: current.payment_method_reuse_agreement }
      : {}),
    promotions,
  };
}
