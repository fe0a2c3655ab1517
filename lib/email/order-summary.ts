import type { CheckoutOrder } from '../stripe/order';
import { withCurrencyCode } from '../money';
import { escapeHtml } from './body';

interface SummaryRow {
  label: string;
  amount: string;
}

function money(decimal: string | null, currency: string | null): string {
  return decimal === null ? '' : withCurrencyCode(decimal, currency);
}

function lines(order: CheckoutOrder): SummaryRow[] {
  return order.line_items.map((item) => ({
    label: `${item.quantity} × ${item.description || item.product_name}`,
    amount: money(item.amount_total_decimal, item.currency),
  }));
}

/** Subtotal, then only the adjustments that apply, then the total: the customer's receipt. */
function totals(order: CheckoutOrder): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const add = (label: string, minor: number | null, decimal: string | null, always = false) => {
    if (minor !== null && (always || minor !== 0))
      rows.push({ label, amount: money(decimal, order.currency) });
  };
  const adjusted = [order.amount_discount, order.amount_shipping, order.amount_tax].some((a) => a);
  if (adjusted) add('Subtotal', order.amount_subtotal, order.amount_subtotal_decimal, true);
  if (order.amount_discount)
    add('Discount', order.amount_discount, `-${order.amount_discount_decimal}`);
  add('Shipping', order.amount_shipping, order.amount_shipping_decimal);
  add('Tax', order.amount_tax, order.amount_tax_decimal);
  add('Total', order.amount_total, order.amount_total_decimal, true);
  const paidIn = order.presentment_currency;
  // Adaptive Pricing: the prices above are the link's, the customer was charged in their own currency.
  if (
    paidIn &&
    order.currency &&
    paidIn !== order.currency &&
    order.presentment_amount_total_decimal
  )
    rows.push({
      label: `Paid in ${paidIn.toUpperCase()}`,
      amount: money(order.presentment_amount_total_decimal, paidIn),
    });
  return rows;
}

/** Plain-text order summary appended to the text part. */
export function orderSummaryText(order: CheckoutOrder): string {
  const rows = [...lines(order), ...totals(order)].map((r) => `${r.label}: ${r.amount}`);
  return ['Order summary', '-------------', ...rows].join('\n');
}

/** HTML order summary: every value from Stripe (names, descriptions) is escaped. */
export function orderSummaryHtml(order: CheckoutOrder): string {
  const row = (r: SummaryRow, bold = false) => {
    const cell = (text: string, align: string) =>
      `<td style="padding:4px 8px;text-align:${align}">${bold ? `<strong>${escapeHtml(text)}</strong>` : escapeHtml(text)}</td>`;
    return `<tr>${cell(r.label, 'left')}${cell(r.amount, 'right')}</tr>`;
  };
  const sums = totals(order);
  return [
    '<table role="presentation" style="border-collapse:collapse;margin-top:16px">',
    '<caption style="text-align:left;font-weight:bold;padding:4px 8px">Order summary</caption>',
    ...lines(order).map((r) => row(r)),
    ...sums.map((r, i) => row(r, i === sums.length - 1)),
    '</table>',
  ].join('\n');
}
