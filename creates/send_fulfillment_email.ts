import { defineCreate, defineInputFields, type InferInputData } from 'zapier-platform-core';
import { sendFulfillmentEmail } from '../lib/email/send';

const inputFields = defineInputFields([
  {
    key: 'to',
    label: 'To',
    type: 'string',
    required: true,
    helpText:
      'One email address, like `ana@example.com` — usually the **Customer Email** from the Stripe trigger. Lists and names are refused here: use CC/BCC and To Name.',
  },
  {
    key: 'to_name',
    label: 'To Name',
    type: 'string',
    required: false,
    helpText: 'The customer’s name as it should appear in the email (any language). Optional.',
  },
  {
    key: 'subject',
    label: 'Subject',
    type: 'string',
    required: true,
    helpText: 'For example: `Your download is ready`.',
  },
  {
    key: 'body_text',
    label: 'Body (Plain Text)',
    type: 'text',
    required: false,
    helpText:
      'The message as plain text. Web addresses become clickable links. Give this, Body (HTML), or both: the missing one is made from the other.',
  },
  {
    key: 'body_html',
    label: 'Body (HTML)',
    type: 'text',
    required: false,
    helpText:
      'The message as HTML, for formatting. Optional when Body (Plain Text) is filled in. No footer or tracking is added.',
  },
  {
    key: 'checkout_session',
    label: 'Checkout Session ID (Order Summary)',
    type: 'string',
    required: false,
    dynamic: 'checkout_session_list.id.name',
    search: 'find_checkout_session.id',
    helpText:
      'Optional. Map the **Checkout Session ID** (`cs_…`) from the Stripe trigger to add an order summary — items, quantities, amounts and total — to the email.',
  },
  {
    key: 'attachments',
    label: 'Attachments',
    type: 'file',
    list: true,
    required: false,
    helpText:
      'Files to attach: files from earlier steps (such as the invoice PDF) or public `https` links. Up to about 25 MB in total (Gmail’s limit).',
  },
  {
    key: 'from_name',
    label: 'From Name',
    type: 'string',
    required: false,
    helpText:
      'The sender name customers see, like `Acme Store`. The address is always your connected Gmail account. Leave empty to use your Gmail name.',
  },
  {
    key: 'reply_to',
    label: 'Reply-To',
    type: 'string',
    required: false,
    helpText: 'One address replies should go to, like `support@example.com`. Optional.',
  },
  {
    key: 'cc',
    label: 'CC',
    type: 'string',
    list: true,
    required: false,
    helpText: 'Extra visible recipients: one address per row. At most 100 recipients in total.',
  },
  {
    key: 'bcc',
    label: 'BCC',
    type: 'string',
    list: true,
    required: false,
    helpText: 'Hidden recipients (for example your own archive): one address per row.',
  },
  {
    key: 'dedupe_key',
    label: 'Dedupe Key',
    type: 'string',
    required: false,
    helpText:
      'Optional. Map the **Checkout Session ID** here: if this same email (same key, recipient, subject and body) comes again within 24 hours (a replayed Zap), no second email goes out and the step says `deduplicated`. A different email with the same key (say, to your warehouse) still goes.',
  },
  {
    key: 'dedupe_scope',
    label: 'Dedupe Scope',
    type: 'string',
    required: false,
    default: 'message',
    choices: {
      message: 'This exact email (key + recipient, subject and body)',
      key: 'Anything sent with this key',
    },
    helpText:
      'What the Dedupe Key stands for. **This exact email** (the default) lets several different emails about one order go. **Anything sent with this key** sends at most one email per key in 24 hours.',
  },
] as const);

type Input = InferInputData<typeof inputFields>;

const sample = {
  id: '18c1f0f2a9b3d4e5',
  thread_id: '18c1f0f2a9b3d4e5',
  to: 'jenny.rosen@example.com',
  cc: [],
  bcc: ['orders@example.com'],
  recipients_count: 2,
  attachments_count: 1,
  deduplicated: false,
  sent_with: 'raw',
  size_bytes: 48213,
};

export default defineCreate({
  key: 'send_fulfillment_email',
  noun: 'Email',
  display: {
    label: 'Send Fulfillment Email (Gmail)',
    description:
      'Emails the customer from your Gmail account: a download link, license key or receipt.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input: Input = bundle.inputData;
      return sendFulfillmentEmail(z, bundle.authData, input);
    },
    sample,
    outputFields: [
      { key: 'id', label: 'Gmail Message ID' },
      { key: 'thread_id', label: 'Gmail Thread ID' },
      { key: 'to', label: 'To' },
      { key: 'cc', label: 'CC', list: true },
      { key: 'bcc', label: 'BCC', list: true },
      { key: 'recipients_count', label: 'Number of Recipients', type: 'integer' },
      { key: 'attachments_count', label: 'Number of Attachments', type: 'integer' },
      { key: 'deduplicated', label: 'Deduplicated (Not Sent Again)', type: 'boolean' },
      { key: 'sent_with', label: 'Sent With' },
      { key: 'size_bytes', label: 'Message Size (Bytes)', type: 'integer' },
    ],
  },
});
