import type Stripe from 'stripe';
import { text } from '../input';
import { MoneyError, moneyText, parseDecimalAmount, withCurrencyCode } from '../money';

/**
 * Connect on a Payment Link. Direct charge: the connection has a connected account, the link is
 * made on it (Stripe-Account header) and an application fee goes to the platform. Destination
 * charge: `transfer_destination` is given, the link is made on the platform (no header, even
 * when the connection has an account) and the money is transferred to the destination.
 */
export type ConnectInput = {
  application_fee_amount?: unknown;
  application_fee_percent?: unknown;
  on_behalf_of?: unknown;
  transfer_destination?: unknown;
  transfer_amount?: unknown;
};

export type ChargeType = 'platform' | 'direct' | 'destination';

export type ConnectPlan = {
  chargeType: ChargeType;
  /** True when the request must go without the Stripe-Account header. */
  onPlatform: boolean;
  feeAmount: string | null;
  feePercent: number | null;
  onBehalfOf: string | null;
  destination: string | null;
  transferAmount: string | null;
};

type Problem = { problem: string };
type ConnectParams = Pick<
  Stripe.PaymentLinkCreateParams,
  'application_fee_amount' | 'application_fee_percent' | 'on_behalf_of' | 'transfer_data'
>;

/** Stripe ids are opaque: only the prefix is checked (and Stripe's 255-character bound). */
function accountId(value: unknown, label: string): { id: string | null } | Problem {
  const id = text(value);
  if (!id) return { id: null };
  if (/^acct_[A-Za-z0-9_]+$/.test(id) && id.length <= 255) return { id };
  return {
    problem: `${label} "${id.slice(0, 40)}" is not a Stripe account ID. Paste the connected account's ID (acct_…) from Dashboard → Connect → Accounts.`,
  };
}

function amountText(value: unknown, label: string): { amount: string | null } | Problem {
  const amount = text(value);
  if (!amount) return { amount: null };
  if (/^\+?(\d[\d,_ ]*)?(\.\d+)?$/.test(amount) && /\d/.test(amount)) return { amount };
  return {
    problem: `${label} "${amount.slice(0, 30)}" is not an amount. Write it in the price's currency like 2.50 (digits and one decimal point, no currency symbol).`,
  };
}

/** "10", "12.5", "2.25%" → a number with at most two decimals in (0, 100]. */
function percent(value: unknown): { percent: number | null } | Problem {
  const raw = text(value).replace(/\s*%$/, '');
  if (!raw) return { percent: null };
  const n = Number(raw);
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw) || n <= 0 || n > 100)
    return {
      problem: `Application Fee Percent "${text(value).slice(0, 20)}" must be a number above 0 and at most 100, with at most two decimals (e.g. 10 or 2.5).`,
    };
  return { percent: n };
}

/** Pure: which account the link is made on, and the Connect inputs checked; nothing is sent. */
export function planConnect(input: ConnectInput, connection: string | null): ConnectPlan | Problem {
  const feeAmount = amountText(input.application_fee_amount, 'Application Fee Amount');
  if ('problem' in feeAmount) return feeAmount;
  const fee = percent(input.application_fee_percent);
  if ('problem' in fee) return fee;
  const onBehalfOf = accountId(input.on_behalf_of, 'On Behalf Of');
  if ('problem' in onBehalfOf) return onBehalfOf;
  const destination = accountId(input.transfer_destination, 'Transfer Destination');
  if ('problem' in destination) return destination;
  const transferAmount = amountText(input.transfer_amount, 'Transfer Amount');
  if ('problem' in transferAmount) return transferAmount;

  if (feeAmount.amount && fee.percent !== null)
    return {
      problem:
        'Give either Application Fee Amount (one-time prices) or Application Fee Percent (recurring prices), not both.',
    };
  if (transferAmount.amount && !destination.id)
    return {
      problem:
        'Transfer Amount needs a Transfer Destination (acct_…): the account the money is transferred to.',
    };
  const chargeType: ChargeType = destination.id
    ? 'destination'
    : connection
      ? 'direct'
      : 'platform';
  if ((feeAmount.amount || fee.percent !== null) && chargeType === 'platform')
    return {
      problem:
        'An application fee needs Connect: connect Zapier with a connected account (direct charges, the fee comes to your platform) or set Transfer Destination (destination charges).',
    };
  if (onBehalfOf.id && chargeType === 'direct')
    return {
      problem:
        'On Behalf Of is for charges made on your platform. This connection acts for a connected account (direct charges): leave On Behalf Of empty, or set Transfer Destination.',
    };
  return {
    chargeType,
    onPlatform: chargeType !== 'direct',
    feeAmount: feeAmount.amount,
    feePercent: fee.percent,
    onBehalfOf: onBehalfOf.id,
    destination: destination.id,
    transferAmount: transferAmount.amount,
  };
}

function minor(amount: string, currency: string, label: string): { minor: number } | Problem {
  try {
    return { minor: parseDecimalAmount(amount, currency) };
  } catch (err) {
    if (err instanceof MoneyError) return { problem: `${label}: ${err.message}` };
    throw err;
  }
}

/**
 * The payment's amount when nothing about it can change at checkout (fixed quantities, fixed
 * unit amounts, one-time prices); null otherwise. Taxes and shipping only add to it.
 */
function fixedTotal(
  lineItems: Stripe.PaymentLinkCreateParams.LineItem[],
  prices: Stripe.Price[],
): number | null {
  let total = 0;
  for (const item of lineItems) {
    const price = prices.find((p) => p.id === item.price);
    if (!price || price.unit_amount === null || item.adjustable_quantity || price.recurring)
      return null;
    total += price.unit_amount * item.quantity;
  }
  return total;
}

export function needsPrices(plan: ConnectPlan): boolean {
  return plan.feeAmount !== null || plan.feePercent !== null || plan.transferAmount !== null;
}

/**
 * The Connect parameters. Fees and transfer amounts need the prices (their currency, and whether
 * any is recurring): one GET per distinct price, only then. Combinations Stripe refuses come
 * back as a problem, and the link is not created.
 */
export async function connectParams(
  stripe: Stripe,
  lineItems: Stripe.PaymentLinkCreateParams.LineItem[],
  plan: ConnectPlan,
): Promise<{ params: ConnectParams } | Problem> {
  const params: ConnectParams = {
    ...(plan.onBehalfOf ? { on_behalf_of: plan.onBehalfOf } : {}),
    ...(plan.destination ? { transfer_data: { destination: plan.destination } } : {}),
  };
  if (!needsPrices(plan)) return { params };
  const priceIds = [...new Set(lineItems.map((item) => item.price ?? ''))];
  const prices = await Promise.all(priceIds.map((id) => stripe.prices.retrieve(id)));
  const currencies = [...new Set(prices.map((p) => p.currency))];
  if (currencies.length !== 1)
    return {
      problem: `The prices are in different currencies (${currencies.join(', ').toUpperCase()}); a Payment Link takes one currency.`,
    };
  const recurring = prices.filter((p) => p.type === 'recurring' || p.recurring).map((p) => p.id);
  if (plan.feeAmount && recurring.length)
    return {
      problem: `Application Fee Amount works only with one-time prices; ${recurring[0]} is recurring. Use Application Fee Percent for subscriptions.`,
    };
  if (plan.feePercent !== null && !recurring.length)
    return {
      problem:
        'Application Fee Percent works only with recurring prices (subscriptions); these prices are one-time. Use Application Fee Amount instead.',
    };
  const currency = currencies[0];
  if (plan.feeAmount) {
    const fee = minor(plan.feeAmount, currency, 'Application Fee Amount');
    if ('problem' in fee) return fee;
    const total = fixedTotal(lineItems, prices);
    if (total !== null && fee.minor >= total)
      return {
        problem: `Application Fee Amount (${withCurrencyCode(plan.feeAmount, currency)}) must be less than the payment (${moneyText(total, currency)}).`,
      };
    params.application_fee_amount = fee.minor;
  }
  if (plan.feePercent !== null) params.application_fee_percent = plan.feePercent;
  if (plan.transferAmount && params.transfer_data) {
    const amount = minor(plan.transferAmount, currency, 'Transfer Amount');
    if ('problem' in amount) return amount;
    params.transfer_data.amount = amount.minor;
  }
  return { params };
}
