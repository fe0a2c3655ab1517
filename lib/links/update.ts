import type Stripe from 'stripe';
import { text } from '../input';
import { checkMetadata } from '../stripe/metadata';
import { planAfterCompletion } from './create';
import { inactiveMessage } from './options';
import { parsePaymentLinkInput, paymentLinkId, type LinkInput } from './resolve';

export type PaymentLinkUpdateInput = {
  payment_link?: unknown;
  active?: unknown;
  after_completion?: unknown;
  redirect_url?: unknown;
  add_session_id?: unknown;
  confirmation_message?: unknown;
  metadata?: unknown;
  inactive_message?: unknown;
};

export type PaymentLinkUpdatePlan = { link: LinkInput; params: Stripe.PaymentLinkUpdateParams };
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
  if (Object.keys(params).length === 0)
    return {
      problem:
        'Nothing to update: set Active, After Payment, Redirect URL, Confirmation Message, Metadata or Inactive Message.',
    };
  return { link, params };
}

/**
 * One call for an id. A pasted URL is first matched against the account's links, active or not
 * (a deactivated link must be found to be reactivated); null when it is not among them.
 */
export async function updatePaymentLink(
  stripe: Stripe,
  plan: PaymentLinkUpdatePlan,
): Promise<Stripe.PaymentLink | null> {
  const id = await paymentLinkId(stripe, plan.link);
  return id ? stripe.paymentLinks.update(id, plan.params) : null;
}
