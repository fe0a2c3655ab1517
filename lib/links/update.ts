import type Stripe from 'stripe';
import { text } from '../input';
import { checkMetadata } from '../stripe/metadata';
import { consentCollectionUpdate, promotionsChoice, PROMOTIONS_CONSENT_LABEL } from './consent';
import { planAfterCompletion } from './create';
import { inactiveMessage } from './options';
import { parsePaymentLinkInput, requirePaymentLink, type LinkInput } from './resolve';

export type PaymentLinkUpdateInput = {
  payment_link?: unknown;
  active?: unknown;
  after_completion?: unknown;
  redirect_url?: unknown;
  add_session_id?: unknown;
  confirmation_message?: unknown;
  metadata?: unknown;
  inactive_message?: unknown;
  collect_promotions_consent?: unknown;
};

export type PaymentLinkUpdatePlan = {
  link: LinkInput;
  params: Stripe.PaymentLinkUpdateParams;
  /** Changes the promotions consent, keeping the link's other consent settings. */
  promotions?: 'auto' | 'none';
};
type Problem = { problem: string };

const ACTIVE_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  active: true,
  activate: true,
  reactivate: true,
  false: false,
  no: false,
  inactive: false,
  deactivate: false,
};

function activeChoice(value: unknown): { active: boolean | null } | Problem {
  if (typeof value === 'boolean') return { active: value };
  const raw = text(value).toLowerCase();
  if (!raw) return { active: null };
  if (raw in ACTIVE_WORDS) return { active: ACTIVE_WORDS[raw] };
  return {
    problem: `Active must be "deactivate" or "reactivate" (or true/false); got "${raw.slice(0, 30)}".`,
  };
}

/** Pure: only the inputs that were given become parameters; nothing given is a problem. */
export function planPaymentLinkUpdate(
  input: PaymentLinkUpdateInput,
): PaymentLinkUpdatePlan | Problem {
  const link = parsePaymentLinkInput(input.payment_link);
  if ('problem' in link) return link;
  const active = activeChoice(input.active);
  if ('problem' in active) return active;
  const params: Stripe.PaymentLinkUpdateParams = {};
  if (active.active !== null) params.active = active.active;
  if (
    [input.after_completion, input.redirect_url, input.confirmation_message].some((v) => text(v))
  ) {
    const afterCompletion = planAfterCompletion(input);
    if ('problem' in afterCompletion) return afterCompletion;
    params.after_completion = afterCompletion;
  }
  const metadata = checkMetadata(input.metadata);
  if ('problem' in metadata) return metadata;
  if (Object.keys(metadata.metadata).length) params.metadata = metadata.metadata;
  const inactive = inactiveMessage(input.inactive_message);
  if ('problem' in inactive) return inactive;
  if (inactive.message) params.inactive_message = inactive.message;
  const consent = promotionsChoice(input.collect_promotions_consent);
  if ('problem' in consent) return consent;
  if (Object.keys(params).length === 0 && !consent.promotions)
    return {
      problem: `Nothing to update: set Active, After Payment, Redirect URL, Confirmation Message, Metadata, Inactive Message or ${PROMOTIONS_CONSENT_LABEL}.`,
    };
  return { link, params, ...(consent.promotions ? { promotions: consent.promotions } : {}) };
}

/**
 * The link is first checked to be in the account (requirePaymentLink: one read for an id, the
 * account's links, active or not, for a pasted URL: a deactivated link must be found to be
 * reactivated), then updated. A consent change sends the link's other consent settings back
 * unchanged, from that read.
 */
export async function updatePaymentLink(
  stripe: Stripe,
  plan: PaymentLinkUpdatePlan,
): Promise<Stripe.PaymentLink> {
  const current = await requirePaymentLink(stripe, plan.link);
  if (!plan.promotions) return stripe.paymentLinks.update(current.id, plan.params);
  return stripe.paymentLinks.update(current.id, {
    ...plan.params,
    consent_collection: consentCollectionUpdate(current.consent_collection, plan.promotions),
  });
}
