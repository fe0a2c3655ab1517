import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { paymentLinkReferenceWarning, planFind, unfinishedFindMessage } from '../lib/sessions/find';
import { requirePaymentLinkId } from '../lib/links/resolve';
import { scanDeadline } from '../lib/sessions/scan';
import { readDensityHint, saveDensityHint } from '../lib/sessions/density';
import { connectionCache } from '../lib/cache';
import { stepLimiter } from '../lib/stripe/limiter';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { findOrder } from '../lib/sessions/find-order';
import { orderOutputFields, orderSample } from '../common/order-fields';

export default defineSearch({
  key: 'find_checkout_session',
  noun: 'Checkout Session',
  display: {
    label: 'Find Checkout Session',
    description:
      "Finds the newest Checkout Session with your Client Reference ID (your own order ID), or a customer's newest session by email.",
  },
  operation: {
    inputFields: [
      {
        key: 'client_reference_id',
        label: 'Client Reference ID',
        required: false,
        helpText:
          'Exactly as given to Stripe, up to 200 characters (a Payment Link URL keeps only letters, digits, "-" and "_"). Required unless you give the Customer Email.',
      },
      {
        key: 'customer_email',
        label: 'Customer Email',
        required: false,
        helpText:
          "Optional, and the fastest way: only this customer's sessions are read (usually one request). Without a Client Reference ID, the customer's newest session is found. One address.",
      },
      {
        key: 'payment_link',
        label: 'Payment Link',
        required: false,
        dynamic: 'payment_link_list.id.name',
        search: 'find_payment_link.id',
        helpText:
          'Optional, but makes the search much faster: only sessions of this link are read. Pick it, or paste its ID (plink_…) or URL.',
      },
      {
        key: 'status',
        label: 'Session Status',
        required: false,
        default: 'complete',
        choices: [
          { value: 'complete', label: 'Completed only', sample: 'complete' },
          { value: 'any', label: 'Any (also open or expired)', sample: 'any' },
        ],
      },
      {
        key: 'created_after',
        label: 'Created After',
        type: 'datetime',
        required: false,
        helpText:
          'Default: back to your first session, as far as the time limit allows. The nearer to the order date, the faster.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const started = Date.now();
      const request = planFind(bundle.inputData, Math.floor(started / 1000));
      if ('problem' in request) throw new z.errors.Error(request.problem, 'invalid_input', 400);
      const referenceWarning = paymentLinkReferenceWarning(request.clientReferenceId ?? '');
      const stripe = stripeClient(z, bundle.authData);
      const account = connectedAccount(bundle.authData);
      const cache = connectionCache(z);
      const mode = stepLimiter(stripe).mode;
      // The connection's last search measured the account's pace: both lists start at once.
      const hint = await readDensityHint(cache, request, mode, account, Math.floor(started / 1000));
      const { order, scan } = await mapStripeErrors(z, async () => {
        // A link of another account or mode must not read as "no such order".
        const paymentLink = request.link ? await requirePaymentLinkId(stripe, request.link) : null;
        // The match's order is fetched while the scan still makes sure no newer one exists.
        return findOrder(
          stripe,
          { ...request, paymentLink },
          { deadline: scanDeadline(started), account, densityHint: hint?.perSecond ?? null },
        );
      });
      await saveDensityHint(
        cache,
        request,
        mode,
        account,
        hint,
        scan.topDensity,
        Math.floor(Date.now() / 1000),
      );
      z.console.log(
        `find_checkout_session: ${scan.scanned} sessions in ${scan.requests} requests, ${scan.elapsedMs} ms, complete=${scan.complete}${hint ? ', planned from the last search' : ''}`,
      );
      if (!order) {
        // Halted, not failed: the step did its job as far as time allowed, and an unfinished scan
        // must not count toward Zapier turning the Zap off.
        if (!scan.complete) throw new z.errors.HaltedError(unfinishedFindMessage(request, scan));
        if (referenceWarning) z.console.log(referenceWarning);
        return [];
      }
      return [
        {
          ...order,
          search_sessions_checked: scan.scanned,
          search_newest_certain: scan.complete,
          search_warning: referenceWarning,
        },
      ];
    },
    sample: {
      ...orderSample,
      search_sessions_checked: 1250,
      search_newest_certain: true,
      search_warning: '',
    },
    outputFields: [
      ...orderOutputFields,
      { key: 'search_sessions_checked', label: 'Sessions Checked by the Search', type: 'integer' },
      { key: 'search_newest_certain', label: 'Newest Match Certain', type: 'boolean' },
      { key: 'search_warning', label: 'Search Warning' },
    ],
  },
});
