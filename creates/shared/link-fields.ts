import { MAX_CUSTOM_FIELDS, MAX_INACTIVE_MESSAGE, MAX_TRIAL_DAYS } from '../../lib/links/options';

/** The optional link settings of Create Payment Link (inactive_message is shared with Update). */
export const inactiveMessageField = {
  key: 'inactive_message',
  label: 'Inactive Message',
  required: false,
  helpText: `Shown to customers who open the link after it is deactivated (up to ${MAX_INACTIVE_MESSAGE} characters). Empty: Stripe's default message.`,
};

export const linkOptionFields = [
  {
    key: 'shipping_countries',
    label: 'Shipping Countries',
    list: true,
    required: false,
    helpText:
      'Collects a shipping address, limited to these countries: two-letter codes such as US, GB, DE (one per row, or separated by commas). Empty: no shipping address is asked.',
  },
  {
    key: 'automatic_tax',
    label: 'Automatic Tax',
    type: 'boolean' as const,
    required: false,
    helpText:
      "Stripe Tax calculates tax from the customer's address. Needs Stripe Tax set up (Dashboard → Tax) and prices with a tax behaviour, or Stripe refuses the link.",
  },
  {
    key: 'tax_id_collection',
    label: 'Collect Tax ID',
    type: 'boolean' as const,
    required: false,
    helpText: 'Lets business customers enter their VAT or other tax ID (shown on invoices).',
  },
  {
    key: 'custom_fields',
    label: 'Custom Fields',
    required: false,
    children: [
      {
        key: 'label',
        label: 'Label',
        required: false,
        helpText: `The question customers see (up to 100 characters); up to ${MAX_CUSTOM_FIELDS} fields. Answers reach the order record under Custom Fields, keyed by the label's letters and digits ("Engraving text" → Engravingtext).`,
      },
      {
        key: 'type',
        label: 'Type',
        required: false,
        choices: [
          { value: 'text', label: 'Text', sample: 'text' },
          { value: 'numeric', label: 'Numbers only', sample: 'numeric' },
          { value: 'dropdown', label: 'Dropdown', sample: 'dropdown' },
        ],
        helpText: 'Default: text.',
      },
      {
        key: 'options',
        label: 'Options',
        required: false,
        helpText: 'For a dropdown: the choices, separated by commas, e.g. "Small, Medium, Large".',
      },
      {
        key: 'optional',
        label: 'Optional',
        type: 'boolean' as const,
        required: false,
        helpText: 'Default: the customer must answer.',
      },
    ],
  },
  {
    key: 'submit_type',
    label: 'Submit Button',
    required: false,
    choices: [
      { value: 'auto', label: 'Automatic', sample: 'auto' },
      { value: 'pay', label: 'Pay', sample: 'pay' },
      { value: 'book', label: 'Book', sample: 'book' },
      { value: 'donate', label: 'Donate', sample: 'donate' },
    ],
    helpText:
      'The wording of the payment button. "Donate" also moves the link to donate.stripe.com.',
  },
  {
    key: 'trial_period_days',
    label: 'Trial Period (Days)',
    type: 'integer' as const,
    required: false,
    helpText: `Subscriptions only: days before the first charge (1–${MAX_TRIAL_DAYS}).`,
  },
  inactiveMessageField,
  {
    key: 'require_terms_consent',
    label: 'Require Terms Consent',
    type: 'boolean' as const,
    required: false,
    helpText:
      'Customers must tick "I agree to the Terms of Service" before paying. Needs a terms URL in Stripe Dashboard → Settings → Public details.',
  },
];

/** Only a Connect platform's key can list its accounts; everyone else types the id. */
const ACCOUNT_PICK =
  "Pick it from the list (filled when this connection's key is a Connect platform's), or type or paste its ID (acct_…) from Stripe Dashboard → Connect → Accounts.";

export const connectFields = [
  {
    key: 'application_fee_amount',
    label: 'Application Fee Amount (Connect)',
    required: false,
    helpText:
      "One-time prices only. Your platform's fee per payment, in the price's currency (e.g. 2.50). Direct charges: when this Zapier connection has a connected account, the link is made on that account and the fee comes to your platform.",
  },
  {
    key: 'application_fee_percent',
    label: 'Application Fee Percent (Connect)',
    required: false,
    helpText:
      "Recurring prices only. Your platform's share of each subscription invoice, 0–100 with up to two decimals (e.g. 10).",
  },
  {
    key: 'on_behalf_of',
    label: 'On Behalf Of (Connect)',
    required: false,
    dynamic: 'connected_account_list.id.name',
    altersDynamicFields: false,
    helpText: `The connected account that is the business of record for charges made on your platform: its currency and statement descriptor are used. Not for direct charges. ${ACCOUNT_PICK}`,
  },
  {
    key: 'transfer_destination',
    label: 'Transfer Destination (Connect)',
    required: false,
    dynamic: 'connected_account_list.id.name',
    altersDynamicFields: false,
    helpText: `Destination charges: the connected account the money is transferred to. The link is then made on your platform account — even when this Zapier connection has a connected account — so the prices must be your platform's. ${ACCOUNT_PICK}`,
  },
  {
    key: 'transfer_amount',
    label: 'Transfer Amount (Connect)',
    required: false,
    helpText:
      "With Transfer Destination: how much of each payment is transferred, in the price's currency (e.g. 40.00). Empty: everything, minus any application fee.",
  },
];

/** Build Tracked Payment Link URL: what the payment page is filled in with. */
export const prefillFields = [
  {
    key: 'prefilled_email',
    label: 'Prefilled Email',
    required: false,
    helpText:
      "Fills in the customer's email on the payment page (they can still change it). The address is visible in the link: use it only for a link you send to that one customer.",
  },
  {
    key: 'prefilled_promo_code',
    label: 'Prefilled Promo Code',
    required: false,
    helpText:
      'A customer-facing promotion code (letters, digits and "-", e.g. SPRING-25), applied on the payment page. The link must allow promotion codes.',
  },
  {
    key: 'locale',
    label: 'Language',
    required: false,
    helpText:
      "The payment page's language, one of Stripe Checkout's locales: en, en-GB, de, fr, fr-CA, es, es-419, it, ja, nl, pt-BR, zh, zh-TW, … Empty: the customer's browser decides.",
  },
];

const PROMOTIONS_HELP =
  'Yes: the payment page asks customers to agree to promotional emails (Stripe shows the checkbox where the law allows; US businesses only). Only with that consent does Stripe keep the email of a customer who leaves unpaid, for the trigger "Checkout Abandoned (Payment Link)".';

/** `consent_collection[promotions]`: `auto` for yes; on Update, no turns it off. */
export const promotionsConsentField = {
  key: 'collect_promotions_consent',
  label: 'Collect Promotional Emails Consent',
  type: 'boolean' as const,
  required: false,
  helpText: PROMOTIONS_HELP,
};

export const promotionsConsentUpdateField = {
  ...promotionsConsentField,
  helpText: `${PROMOTIONS_HELP} No: stops asking. Empty: unchanged.`,
};
