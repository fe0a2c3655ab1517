import type { CheckoutOrder } from '../stripe/order';
import { cellValue, normalizeHeader, type CellValue } from './row';

/** The standard order columns, in the order an empty worksheet gets them. */
export const ORDER_COLUMNS: [string, (o: CheckoutOrder) => unknown][] = [
  ['Session ID', (o) => o.id],
  ['Created', (o) => o.created],
  ['Customer Name', (o) => o.customer_name],
  ['Customer Email', (o) => o.customer_email],
  // Stripe could not list the items: say so in the log rather than leave the cell blank.
  [
    'Items',
    (o) => (o.line_items_status === 'unavailable' ? o.line_items_message : o.line_items_summary),
  ],
  ['Amount', (o) => o.amount_total_decimal],
  ['Currency', (o) => o.currency?.toUpperCase()],
  ['Payment Status', (o) => o.payment_status],
  ['Client Reference ID', (o) => o.client_reference_id],
  ['Payment Link', (o) => o.payment_link],
  [
    'Metadata',
    (o) =>
      Object.entries(o.metadata)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
  ],
];

export const ORDER_HEADER = ORDER_COLUMNS.map(([name]) => name);
export const SESSION_ID_COLUMN = 'Session ID';

/** Columns the order's later life fills (update_order_row), blank when the order is logged. */
export const ORDER_UPDATE_COLUMNS = {
  refund_status: 'Refund Status',
  refund_amount: 'Refund Amount',
  fulfillment_status: 'Fulfillment Status',
  notes: 'Notes',
} as const;

/** What a new order log starts with: an empty worksheet or a new spreadsheet. */
export const ORDER_LOG_HEADER = [...ORDER_HEADER, ...Object.values(ORDER_UPDATE_COLUMNS)];

/**
 * Matches our columns to an existing header by text (case and spacing ignored); a column named
 * `metadata.<key>` gets that metadata value. Unknown columns stay blank.
 */
export function orderRowValues(order: CheckoutOrder, header: string[]): Map<number, CellValue> {
  const ours = new Map(ORDER_COLUMNS.map(([name, get]) => [normalizeHeader(name), get]));
  const values = new Map<number, CellValue>();
  header.forEach((text, i) => {
    const key = normalizeHeader(text);
    const meta = /^metadata\.(.+)$/.exec(String(text).trim());
    if (meta) values.set(i, cellValue(order.metadata[meta[1]] ?? ''));
    else if (ours.has(key)) values.set(i, cellValue(ours.get(key)!(order)));
  });
  return values;
}
