import type Stripe from 'stripe';
import { asBoolean, text, wholeNumber } from '../input';
import { paymentLinkIdempotencyKey } from '../stripe/idempotency';
import { checkMetadata } from '../stripe/metadata';
import { checkStripeId } from '../stripe/validate';
import type { ConnectInput } from './connect';
import { promotionsChoice } from './consent';
import { planLinkOptions, type LinkOptionsInput } from './options';
import { redirectUrlWithSession } from './redirect';

/** Stripe: at most 20 line items on a Payment Link. */
export const MAX_LINE_ITEMS = 20;
export const MAX_QUANTITY = 999_999;
export const MAX_CONFIRMATION_MESSAGE = 500;
export const MAX_REDIRECT_URL = 2048;

export type PaymentLinkInput = {
  line_items?: unknown;
  after_completion?: unknown;
  confirmation_message?: unknown;
  redirect_url?: unknown;
  add_session_id?: unknown;
  allow_promotion_codes?: unknown;
  invoice_creation?: unknown;
  customer_creation?: unknown;
  phone_number_collection?: unknown;
  billing_address_collection?: unknown;
  metadata?: unknown;
  max_completed_sessions?: unknown;
  idempotency_key?: unknown;
  collect_promotions_consent?: unknown;
} & LinkOptionsInput &
  ConnectInput;

export type PaymentLinkPlan = {
  params: Stripe.PaymentLinkCreateParams;
  /** Only with a user-supplied key: two runs asking for identical links get two links. */
  idempotencyKey: string | undefined;
};
type Problem = { problem: string };

function lineItemRows(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value))
    return value.filter((row): row is Record<string, unknown> => !!row && typeof row === 'object');
  if (value && typeof value === 'object') return [value as Record<string, unknown>];
  return [];
}

function planLineItem(
  row: Record<string, unknown>,
  label: string,
): Stripe.PaymentLinkCreateParams.LineItem | Problem {
  const price = checkStripeId(row.price, ['price'], `${label}: Price`);
  if ('problem' in price) return price;
  const quantity = wholeNumber(row.quantity, `${label}: Quantity`, 1, MAX_QUANTITY);
  if ('problem' in quantity) return quantity;
  const min = wholeNumber(
    row.adjustable_quantity_minimum,
    `${label}: Minimum Quantity`,
    0,
    MAX_QUANTITY,
  );
  if ('problem' in min) return min;
  const max = wholeNumber(
    row.adjustable_quantity_maximum,
    `${label}: Maximum Quantity`,
    1,
    MAX_QUANTITY,
  );
  if ('problem' in max) return max;
  const qty = quantity.value ?? 1;
  const item: Stripe.PaymentLinkCreateParams.LineItem = { price: price.id, quantity: qty };
  const adjustable = asBoolean(row.adjustable_quantity, min.value !== null || max.value !== null);
  if (!adjustable) return item;
  const lo = min.value ?? 0;
  const hi = max.value ?? 99;
  if (lo > hi)
    return { problem: `${label}: Minimum Quantity (${lo}) is more than Maximum Quantity (${hi}).` };
  if (qty < lo || qty > hi) {
    return {
      problem: `${label}: Quantity ${qty} must be between the minimum (${lo}) and maximum (${hi}) the customer may choose.`,
    };
  }
  item.adjustable_quantity = {
    enabled: true,
    ...(min.value !== null ? { minimum: min.value } : {}),
    ...(max.value !== null ? { maximum: max.value } : {}),
  };
  return item;
}

export function planAfterCompletion(
  input: PaymentLinkInput,
): Stripe.PaymentLinkCreateParams.AfterCompletion | Problem {
  const type =
    text(input.after_completion) || (text(input.redirect_url) ? 'redirect' : 'hosted_confirmation');
  if (type === 'redirect') {
    const url = text(input.redirect_url);
    if (!url)
      return {
        problem:
          'After Payment is "redirect" but Redirect URL is empty. Give your thank-you page, starting with https://.',
      };
    if (text(input.confirmation_message))
      return {
        problem:
          "A Confirmation Message was given but customers are redirected to the Redirect URL, so Stripe's confirmation page (and the message) is never shown. Clear one of the two, or set After Payment to the confirmation page.",
      };
    const redirect = redirectUrlWithSession(url, asBoolean(input.add_session_id, true));
    if ('problem' in redirect) return redirect;
    if (redirect.url.length > MAX_REDIRECT_URL)
      return {
        problem: `Redirect URL is ${redirect.url.length} characters; Stripe allows at most ${MAX_REDIRECT_URL}.`,
      };
    return { type: 'redirect', redirect: { url: redirect.url } };
  }
  if (type !== 'hosted_confirmation')
    return {
      problem: `After Payment must be "hosted_confirmation" or "redirect"; got "${type.slice(0, 40)}".`,
    };
  if (text(input.redirect_url))
    return {
      problem:
        'A Redirect URL was given but After Payment is "hosted_confirmation". Choose "redirect" to send customers to it, or clear the URL.',
    };
  const message = text(input.confirmation_message);
  if (message.length > MAX_CONFIRMATION_MESSAGE) {
    return {
      problem: `Confirmation Message is ${message.length} characters; Stripe allows at most ${MAX_CONFIRMATION_MESSAGE}.`,
    };
  }
  return {
    type: 'hosted_confirmation',
    ...(message ? { hosted_confirmation: { custom_message: message } } : {}),
  };
}

function choice<T extends string>(
  value: unknown,
  allowed: readonly T[],
  label: string,
): { value: T | null } | Problem {
  const raw = text(value);
  if (!raw) return { value: null };
  if ((allowed as readonly string[]).includes(raw)) return { value: raw as T };
  return { problem: `${label} must be one of ${allowed.join(', ')}; got "${raw.slice(0, 40)}".` };
}

/** Pure: the create request for the inputs, or the first problem (nothing is sent). */
export function planPaymentLink(input: PaymentLinkInput): PaymentLinkPlan | Problem {
  const rows = lineItemRows(input.line_items);
  if (rows.length === 0)
    return {
      problem:
        'Line Items is empty. Add at least one price (choose it from the list or paste price_…).',
    };
  if (rows.length > MAX_LINE_ITEMS)
    return {
      problem: `A Payment Link holds at most ${MAX_LINE_ITEMS} line items; got ${rows.length}.`,
    };
  const lineItems: Stripe.PaymentLinkCreateParams.LineItem[] = [];
  for (const [index, row] of rows.entries()) {
    const item = planLineItem(row, rows.length > 1 ? `Line item ${index + 1}` : 'Line item');
    if ('problem' in item) return item;
    lineItems.push(item);
  }
  const afterCompletion = planAfterCompletion(input);
  if ('problem' in afterCompletion) return afterCompletion;
  const customerCreation = choice(
    input.customer_creation,
    ['if_required', 'always'] as const,
    'Customer Creation',
  );
  if ('problem' in customerCreation) return customerCreation;
  const billing = choice(
    input.billing_address_collection,
    ['auto', 'required'] as const,
    'Billing Address Collection',
  );
  if ('problem' in billing) return billing;
  const metadata = checkMetadata(input.metadata);
  if ('problem' in metadata) return metadata;
  const limit = wholeNumber(
    input.max_completed_sessions,
    'Maximum Completed Payments',
    1,
    MAX_QUANTITY,
  );
  if ('problem' in limit) return limit;
  const options = planLinkOptions(input);
  if ('problem' in options) return options;
  const consent = promotionsChoice(input.collect_promotions_consent);
  if ('problem' in consent) return consent;

  const params: Stripe.PaymentLinkCreateParams = {
    line_items: lineItems,
    after_completion: afterCompletion,
    ...(asBoolean(input.allow_promotion_codes, false) ? { allow_promotion_codes: true } : {}),
    ...(asBoolean(input.invoice_creation, false) ? { invoice_creation: { enabled: true } } : {}),
    ...(customerCreation.value ? { customer_creation: customerCreation.value } : {}),
    ...(asBoolean(input.phone_number_collection, false)
      ? { phone_number_collection: { enabled: true } }
      : {}),
    ...(billing.value ? { billing_address_collection: billing.value } : {}),
    ...(Object.keys(metadata.metadata).length ? { metadata: metadata.metadata } : {}),
    ...(limit.value !== null
      ? { restrictions: { completed_sessions: { limit: limit.value } } }
      : {}),
    ...(consent.promotions === 'auto' ? { consent_collection: { promotions: 'auto' } } : {}),
    ...options.params,
  };
  return { params, idempotencyKey: paymentLinkIdempotencyKey(params, text(input.idempotency_key)) };
}

/** The plan with parameters only known after a Stripe call (Connect fees), its key made anew. */
export function withParams(
  plan: PaymentLinkPlan,
  extra: Partial<Stripe.PaymentLinkCreateParams>,
  input: PaymentLinkInput,
): PaymentLinkPlan {
  if (Object.keys(extra).length === 0) return plan;
  const params = { ...plan.params, ...extra };
  return { params, idempotencyKey: paymentLinkIdempotencyKey(params, text(input.idempotency_key)) };
}

export type PaymentLinkOutput = {
  id: string;
  url: string;
  active: boolean;
  livemode: boolean;
  after_completion: string;
  redirect_url: string | null;
  confirmation_message: string | null;
  metadata: Record<string, string>;
  max_completed_sessions: number | null;
};

export function paymentLinkOutput(link: Stripe.PaymentLink): PaymentLinkOutput {
  return {
    id: link.id,
    url: link.url,
    active: link.active,
    livemode: link.livemode,
    after_completion: link.after_completion.type,
    redirect_url: link.after_completion.redirect?.url ?? null,
    confirmation_message: link.after_completion.hosted_confirmation?.custom_message ?? null,
    metadata: { ...(link.metadata ?? {}) },
    max_completed_sessions: link.restrictions?.completed_sessions?.limit ?? null,
  };
}
