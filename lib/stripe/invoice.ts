import type Stripe from 'stripe';
import { decimalOrNull } from '../money';
import { dashboardUrl, idOf, isoFromUnix } from './ids';

export type InvoiceLine = {
  description: string | null;
  quantity: number | null;
  amount: number;
  amount_decimal: string | null;
  price_id: string | null;
  product_id: string | null;
};

export type InvoiceRecord = {
  id: string;
  number: string | null;
  status: string | null;
  created: string | null;
  paid_at: string | null;
  livemode: boolean;
  customer: string | null;
  customer_name: string | null;
  customer_email: string | null;
  currency: string;
  total: number;
  total_decimal: string | null;
  amount_due: number;
  amount_due_decimal: string | null;
  amount_paid: number;
  amount_paid_decimal: string | null;
  amount_remaining: number;
  amount_remaining_decimal: string | null;
  billing_reason: string | null;
  hosted_invoice_url: string | null;
  invoice_pdf_url: string | null;
  subscription: string | null;
  line_items: InvoiceLine[];
  line_items_count: number;
  line_items_has_more: boolean;
  metadata: Record<string, string>;
  dashboard_url: string;
};

function toLine(line: Stripe.InvoiceLineItem): InvoiceLine {
  const details = line.pricing?.price_details;
  return {
    description: line.description,
    quantity: line.quantity,
    amount: line.amount,
    amount_decimal: decimalOrNull(line.amount, line.currency),
    price_id: idOf(details?.price as string | { id: string } | undefined),
    product_id: details?.product ?? null,
  };
}

/**
 * Pure: an Invoice (API ≥ 2025-03-31 shape: the subscription lives under
 * parent.subscription_details; no paid/charge/payment_intent fields) → one flat record. The first
 * page of lines comes with the invoice, so this costs no API call.
 */
export function invoiceToRecord(invoice: Stripe.Invoice, account?: string | null): InvoiceRecord {
  const c = invoice.currency;
  const lines = invoice.lines?.data ?? [];
  return {
    id: invoice.id ?? '',
    number: invoice.number,
    status: invoice.status,
    created: isoFromUnix(invoice.created),
    paid_at: isoFromUnix(invoice.status_transitions?.paid_at),
    livemode: invoice.livemode,
    customer: idOf(invoice.customer as string | { id: string } | null),
    customer_name: invoice.customer_name,
    customer_email: invoice.customer_email,
    currency: c,
    total: invoice.total,
    total_decimal: decimalOrNull(invoice.total, c),
    amount_due: invoice.amount_due,
    amount_due_decimal: decimalOrNull(invoice.amount_due, c),
    amount_paid: invoice.amount_paid,
    amount_paid_decimal: decimalOrNull(invoice.amount_paid, c),
    amount_remaining: invoice.amount_remaining,
    amount_remaining_decimal: decimalOrNull(invoice.amount_remaining, c),
    billing_reason: invoice.billing_reason,
    hosted_invoice_url: invoice.hosted_invoice_url ?? null,
    invoice_pdf_url: invoice.invoice_pdf ?? null,
    subscription: invoiceSubscription(invoice),
    line_items: lines.map(toLine),
    line_items_count: lines.length,
    line_items_has_more: invoice.lines?.has_more ?? false,
    metadata: { ...(invoice.metadata ?? {}) },
    dashboard_url: dashboardUrl(`invoices/${invoice.id}`, invoice.livemode, account),
  };
}

/** The subscription an invoice bills (API ≥ 2025-03-31: under parent.subscription_details). */
export function invoiceSubscription(invoice: Stripe.Invoice): string | null {
  return idOf(
    invoice.parent?.subscription_details?.subscription as
      | string
      | { id: string }
      | null
      | undefined,
  );
}
