import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { parsePaymentLinkInput, requirePaymentLinkId } from '../lib/links/resolve';
import {
  DEFAULT_METRICS_DAYS,
  metricsOutput,
  paymentLinkTally,
  unfinishedMetricsMessage,
  type MetricsOutput,
} from '../lib/sessions/metrics';
import { planPeriod } from '../lib/sessions/period';
import { scanDeadline } from '../lib/sessions/scan';
import { stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';

const sample: MetricsOutput = {
  payment_link: 'plink_1QxSpringSale',
  period_start: '2026-10-24T00:00:00.000Z',
  period_end: '2026-11-23T00:00:00.000Z',
  sessions_opened: 412,
  sales: 58,
  conversion_rate: 0.1408,
  conversion_percent: '14.1%',
  revenue_by_currency: { EUR: '480.00', USD: '1152.00' },
  revenue_by_currency_text: 'EUR 480.00; USD 1152.00',
  refunded_by_currency: { EUR: '0.00', USD: '48.00' },
  net_revenue_by_currency: { EUR: '480.00', USD: '1104.00' },
  settlement_currency: 'USD',
  revenue_settlement: '1672.80',
  refunded_settlement: '48.00',
  net_revenue_settlement: '1624.80',
  fees_settlement: '65.62',
  sales_not_converted: 0,
  first_sale_at: '2026-10-24T09:12:40.000Z',
  last_sale_at: '2026-11-22T18:03:11.000Z',
  conversion_note:
    "Settlement figures come from each payment's balance transaction (Stripe's conversion rate on the day); refunds are converted at the payment's rate, so they are estimates. Fees are not deducted from net revenue.",
};

export default defineSearch({
  key: 'payment_link_metrics',
  noun: 'Payment Link',
  display: {
    label: 'Find Payment Link Metrics',
    description: "Finds a Payment Link's sales, revenue, refunds and conversion rate for a period.",
  },
  operation: {
    inputFields: [
      {
        key: 'payment_link',
        label: 'Payment Link',
        required: true,
        dynamic: 'payment_link_list.id.name',
        search: 'find_payment_link.id',
        helpText: 'Choose the link, or paste its ID (plink_…) or URL.',
      },
      {
        key: 'created_after',
        label: 'Created After',
        type: 'datetime',
        required: false,
        helpText: `Start of the period. Default: ${DEFAULT_METRICS_DAYS} days before its end.`,
      },
      {
        key: 'created_before',
        label: 'Created Before',
        type: 'datetime',
        required: false,
        helpText: 'End of the period. Default: now.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const started = Date.now();
      const range = planPeriod(bundle.inputData, Math.floor(started / 1000), DEFAULT_METRICS_DAYS);
      if ('problem' in range) throw new z.errors.Error(range.problem, 'invalid_input', 400);
      const input = parsePaymentLinkInput(bundle.inputData.payment_link);
      if ('problem' in input) throw new z.errors.Error(input.problem, 'invalid_input', 400);
      const stripe = stripeClient(z, bundle.authData);
      return mapStripeErrors(z, async () => {
        const link = await requirePaymentLinkId(stripe, input);
        const { tally, scan } = await paymentLinkTally(stripe, link, range, scanDeadline(started));
        z.console.log(
          `payment_link_metrics: ${scan.scanned} sessions in ${scan.requests} requests, ${scan.elapsedMs} ms`,
        );
        if (!scan.complete) throw new z.errors.HaltedError(unfinishedMetricsMessage(range, scan));
        return [metricsOutput(link, range, tally)];
      });
    },
    sample,
    outputFields: [
      { key: 'payment_link', label: 'Payment Link ID' },
      { key: 'period_start', label: 'Period Start', type: 'datetime' },
      { key: 'period_end', label: 'Period End', type: 'datetime' },
      { key: 'sessions_opened', label: 'Sessions Opened (≈ Visits)', type: 'integer' },
      { key: 'sales', label: 'Sales (Paid Sessions)', type: 'integer' },
      { key: 'conversion_rate', label: 'Conversion Rate (0–1)', type: 'number' },
      { key: 'conversion_percent', label: 'Conversion Rate (%)' },
      { key: 'revenue_by_currency', label: 'Revenue by Currency', dict: true },
      { key: 'revenue_by_currency_text', label: 'Revenue by Currency (Text)' },
      { key: 'refunded_by_currency', label: 'Refunded by Currency', dict: true },
      { key: 'net_revenue_by_currency', label: 'Net Revenue by Currency', dict: true },
      { key: 'settlement_currency', label: 'Settlement Currency' },
      { key: 'revenue_settlement', label: 'Revenue in Settlement Currency' },
      { key: 'refunded_settlement', label: 'Refunded in Settlement Currency (Estimate)' },
      { key: 'net_revenue_settlement', label: 'Net Revenue in Settlement Currency' },
      { key: 'fees_settlement', label: 'Stripe Fees in Settlement Currency' },
      { key: 'sales_not_converted', label: 'Sales Without Settlement Figures', type: 'integer' },
      { key: 'first_sale_at', label: 'First Sale At', type: 'datetime' },
      { key: 'last_sale_at', label: 'Last Sale At', type: 'datetime' },
      { key: 'conversion_note', label: 'Note on Currency Conversion' },
    ],
  },
});
