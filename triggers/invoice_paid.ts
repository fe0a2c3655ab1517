import type Stripe from 'stripe';
import { hookOperation } from './shared/hook';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { invoicePdf } from '../hydrators';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { invoiceToRecord, type InvoiceRecord } from '../lib/stripe/invoice';
import { INVOICE_PAID_EVENTS, selectPaidInvoice } from '../lib/webhooks/invoices';
import { sampleLimit, type StripeHook } from '../lib/webhooks/lifecycle';
import { invoiceOutputFields, invoiceSample } from './shared/invoice';

const KEY = 'invoice_paid';

type InvoiceOutput = InvoiceRecord & { invoice_pdf: string | null };

/** The PDF becomes a file field: dehydrated now, downloaded only if a later step uses it. */
function withPdf(z: ZObject, record: InvoiceRecord): InvoiceOutput {
  const filename = `${record.number ?? record.id}.pdf`;
  return {
    ...record,
    invoice_pdf: record.invoice_pdf_url
      ? z.dehydrateFile(invoicePdf, { url: record.invoice_pdf_url, filename })
      : null,
  };
}

const hook: StripeHook<Stripe.Invoice, InvoiceOutput> = {
  key: KEY,
  events: INVOICE_PAID_EVENTS,
  select: selectPaidInvoice,
  build: async (z, bundle, invoice) => [
    withPdf(z, invoiceToRecord(invoice, connectedAccount(bundle.authData))),
  ],
};

const performList = async (z: ZObject, bundle: Bundle) => {
  const limit = sampleLimit(bundle);
  const stripe = stripeClient(z, bundle.authData);
  const page = await mapStripeErrors(z, () => stripe.invoices.list({ status: 'paid', limit }));
  return page.data.map((invoice) =>
    withPdf(z, invoiceToRecord(invoice, connectedAccount(bundle.authData))),
  );
};

export default defineTrigger({
  key: KEY,
  noun: 'Invoice',
  display: {
    label: 'Invoice Paid',
    description: 'Triggers when an invoice is paid, once per invoice, with its PDF as a file.',
  },
  operation: {
    ...hookOperation(hook, {
      performList,
      sample: invoiceSample,
      outputFields: invoiceOutputFields,
    }),
  },
});
