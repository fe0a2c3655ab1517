import { defineApp, version as platformVersion } from 'zapier-platform-core';
import authentication from './authentication';
import { afters, befores } from './middleware';
import { APP_VERSION } from './lib/version';
import { nameOperations } from './lib/stripe/operation';
import hydrators from './hydrators';

import checkoutSessionCompleted from './triggers/checkout_session_completed';
import checkoutSessionCompletedPolling from './triggers/checkout_session_completed_polling';
import checkoutPaymentFailed from './triggers/checkout_payment_failed';
import checkoutSessionExpired from './triggers/checkout_session_expired';
import refundUpdated from './triggers/refund_updated';
import disputeCreated from './triggers/dispute_created';
import disputeClosed from './triggers/dispute_closed';
import invoicePaymentFailed from './triggers/invoice_payment_failed';
import subscriptionCanceled from './triggers/subscription_canceled';
import checkoutSessionList from './triggers/checkout_session_list';
import connectedAccountList from './triggers/connected_account_list';
import customerList from './triggers/customer_list';
import invoicePaid from './triggers/invoice_paid';
import paymentLinkList from './triggers/payment_link_list';
import portalConfigurationList from './triggers/portal_configuration_list';
import priceList from './triggers/price_list';
import subscriptionList from './triggers/subscription_list';
import worksheetList from './triggers/worksheet_list';

import appendSheetRow from './creates/append_sheet_row';
import buildTrackedLink from './creates/build_tracked_link';
import bulkRefund from './creates/bulk_refund';
import createOrderLogSpreadsheet from './creates/create_order_log_spreadsheet';
import createPaymentLink from './creates/create_payment_link';
import createPortalSession from './creates/create_portal_session';
import createRefund from './creates/create_refund';
import logCheckoutToSheet from './creates/log_checkout_to_sheet';
import sendFulfillmentEmail from './creates/send_fulfillment_email';
import sendStripeReceipt from './creates/send_stripe_receipt';
import updatePaymentLink from './creates/update_payment_link';
import updateOrderRow from './creates/update_order_row';
import reconcileOrdersWithSheet from './creates/reconcile_orders_with_sheet';

import findCheckoutSession from './searches/find_checkout_session';
import findCustomer from './searches/find_customer';
import findPaymentLink from './searches/find_payment_link';
import paymentLinkMetrics from './searches/payment_link_metrics';

const App = defineApp({
  version: APP_VERSION,
  platformVersion,
  authentication,
  flags: { throwForThrottlingEarly: false },
  beforeRequest: [...befores],
  afterResponse: [...afters],
  hydrators,
  triggers: {
    [checkoutSessionCompleted.key]: checkoutSessionCompleted,
    [checkoutSessionCompletedPolling.key]: checkoutSessionCompletedPolling,
    [checkoutPaymentFailed.key]: checkoutPaymentFailed,
    [checkoutSessionExpired.key]: checkoutSessionExpired,
    [refundUpdated.key]: refundUpdated,
    [invoicePaid.key]: invoicePaid,
    [disputeCreated.key]: disputeCreated,
    [disputeClosed.key]: disputeClosed,
    [invoicePaymentFailed.key]: invoicePaymentFailed,
    [subscriptionCanceled.key]: subscriptionCanceled,
    [paymentLinkList.key]: paymentLinkList,
    [priceList.key]: priceList,
    [worksheetList.key]: worksheetList,
    [checkoutSessionList.key]: checkoutSessionList,
    [customerList.key]: customerList,
    [subscriptionList.key]: subscriptionList,
    [portalConfigurationList.key]: portalConfigurationList,
    [connectedAccountList.key]: connectedAccountList,
  },
  creates: {
    [appendSheetRow.key]: appendSheetRow,
    [logCheckoutToSheet.key]: logCheckoutToSheet,
    [updateOrderRow.key]: updateOrderRow,
    [reconcileOrdersWithSheet.key]: reconcileOrdersWithSheet,
    [createOrderLogSpreadsheet.key]: createOrderLogSpreadsheet,
    [sendFulfillmentEmail.key]: sendFulfillmentEmail,
    [createRefund.key]: createRefund,
    [bulkRefund.key]: bulkRefund,
    [createPaymentLink.key]: createPaymentLink,
    [buildTrackedLink.key]: buildTrackedLink,
    [createPortalSession.key]: createPortalSession,
    [updatePaymentLink.key]: updatePaymentLink,
    [sendStripeReceipt.key]: sendStripeReceipt,
  },
  searches: {
    [findCheckoutSession.key]: findCheckoutSession,
    [paymentLinkMetrics.key]: paymentLinkMetrics,
    [findCustomer.key]: findCustomer,
    [findPaymentLink.key]: findPaymentLink,
  },
  searchOrCreates: {
    [findPaymentLink.key]: {
      key: findPaymentLink.key,
      display: {
        label: 'Find or Create Payment Link',
        description: 'Finds a Payment Link, or creates one when none matches.',
      },
      search: findPaymentLink.key,
      create: createPaymentLink.key,
    },
  },
});

// Errors deep in lib/ (a restricted key's missing permission) name the step that hit them.
nameOperations(App);

export default App;
