import type Stripe from 'stripe';
import { asBoolean, listItems, text, wholeNumber } from '../input';

/**
 * What merchants set on a link besides its items: shipping countries, tax, custom fields, the
 * button wording, a trial, the deactivated-link message and terms consent. Pure: each input is
 * checked against Stripe's documented limits so a typo is named before anything is sent.
 */
export type LinkOptionsInput = {
  shipping_countries?: unknown;
  automatic_tax?: unknown;
  tax_id_collection?: unknown;
  custom_fields?: unknown;
  submit_type?: unknown;
  trial_period_days?: unknown;
  inactive_message?: unknown;
  require_terms_consent?: unknown;
};

type Problem = { problem: string };
type Params = Stripe.PaymentLinkCreateParams;
type AllowedCountry = Stripe.PaymentLinkCreateParams.ShippingAddressCollection.AllowedCountry;
type CustomField = Stripe.PaymentLinkCreateParams.CustomField;

/** The shipping countries stripe-node 23.1 lists for Payment Links (`AllowedCountry`). */
export const SHIPPING_COUNTRIES: ReadonlySet<string> = new Set(
  `AC AD AE AF AG AI AL AM AO AQ AR AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
  BR BS BT BV BW BY BZ CA CD CF CG CH CI CK CL CM CN CO CR CV CW CY CZ DE DJ DK DM DO DZ EC
  EE EG EH ER ES ET FI FJ FK FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
  HK HN HR HT HU ID IE IL IM IN IO IQ IS IT JE JM JO JP KE KG KH KI KM KN KR KW KY KZ LA LB
  LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MK ML MM MN MO MQ MR MS MT MU MV MW MX MY MZ
  NA NC NE NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PY QA RE RO RS RU
  RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SZ TA TC TD TF TG TH TJ TK TL
  TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VN VU WF WS XK YE YT ZA ZM ZW ZZ`.split(/\s+/),
);
/** Names people type for a country whose ISO code differs. */
const COUNTRY_HINTS: Record<string, string> = { UK: 'GB', EN: 'GB', USA: 'US', UAE: 'AE' };

export const MAX_CUSTOM_FIELDS = 3;
export const MAX_CUSTOM_FIELD_LABEL = 100;
export const MAX_DROPDOWN_OPTIONS = 200;
export const MAX_DROPDOWN_OPTION_LABEL = 100;
export const MAX_INACTIVE_MESSAGE = 500;
export const MAX_TRIAL_DAYS = 730;
export const SUBMIT_TYPES = ['auto', 'pay', 'book', 'donate'] as const;
const CUSTOM_FIELD_TYPES = ['text', 'numeric', 'dropdown'] as const;

export function shippingCountries(value: unknown): { countries: AllowedCountry[] } | Problem {
  const countries: AllowedCountry[] = [];
  for (const item of listItems(value, 'text')) {
    const code = item.toUpperCase();
    if (!SHIPPING_COUNTRIES.has(code)) {
      const hint = COUNTRY_HINTS[code];
      return {
        problem: `Shipping Countries: "${item.slice(0, 30)}" is not a two-letter country code Stripe ships to.${hint ? ` Did you mean ${hint}?` : ' Use ISO codes such as US, GB, DE.'}`,
      };
    }
    if (!countries.includes(code)) countries.push(code);
  }
  return { countries };
}

/** Letters and digits only (Stripe's rule for custom field keys and dropdown values). */
function alphanumeric(value: string, max: number): string {
  return value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, max);
}

function uniqueKey(base: string, taken: Set<string>, fallback: string, max: number): string {
  let key = base || fallback;
  for (let n = 2; taken.has(key); n += 1) key = `${(base || fallback).slice(0, max - 3)}${n}`;
  taken.add(key);
  return key;
}

function customFieldRows(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value))
    return value.filter(
      (row): row is Record<string, unknown> =>
        !!row && typeof row === 'object' && Object.values(row).some((v) => text(v) !== ''),
    );
  if (value && typeof value === 'object') return customFieldRows([value]);
  return [];
}

function dropdownOptions(
  value: unknown,
  label: string,
): Stripe.PaymentLinkCreateParams.CustomField.Dropdown.Option[] | Problem {
  const labels = listItems(value, 'text');
  if (labels.length === 0)
    return {
      problem: `${label}: a dropdown needs Options, separated by commas (e.g. "Small, Medium, Large").`,
    };
  if (labels.length > MAX_DROPDOWN_OPTIONS)
    return {
      problem: `${label}: ${labels.length} options; Stripe allows at most ${MAX_DROPDOWN_OPTIONS}.`,
    };
  const taken = new Set<string>();
  const options = [];
  for (const [index, optionLabel] of labels.entries()) {
    if (optionLabel.length > MAX_DROPDOWN_OPTION_LABEL)
      return {
        problem: `${label}: option "${optionLabel.slice(0, 30)}…" is ${optionLabel.length} characters; Stripe allows at most ${MAX_DROPDOWN_OPTION_LABEL}.`,
      };
    const value = uniqueKey(alphanumeric(optionLabel, 100), taken, `option${index + 1}`, 100);
    options.push({ label: optionLabel, value });
  }
  return options;
}

/**
 * Up to 3 fields. The key Stripe reports the answer under (the order record's custom_fields) is
 * the label's letters and digits ("Engraving text" → "Engravingtext"), made unique; a dropdown
 * option's value is derived from its label the same way.
 */
export function customFields(value: unknown): { fields: CustomField[] } | Problem {
  const rows = customFieldRows(value);
  if (rows.length > MAX_CUSTOM_FIELDS)
    return {
      problem: `Custom Fields: ${rows.length} fields given; Stripe allows at most ${MAX_CUSTOM_FIELDS} per link.`,
    };
  const taken = new Set<string>();
  const fields: CustomField[] = [];
  for (const [index, row] of rows.entries()) {
    const where = `Custom field ${index + 1}`;
    const label = text(row.label);
    if (!label) return { problem: `${where}: Label is empty. Enter the question customers see.` };
    if (label.length > MAX_CUSTOM_FIELD_LABEL)
      return {
        problem: `${where}: Label is ${label.length} characters; Stripe allows at most ${MAX_CUSTOM_FIELD_LABEL}.`,
      };
    const type = (text(row.type) || 'text').toLowerCase();
    if (!(CUSTOM_FIELD_TYPES as readonly string[]).includes(type))
      return {
        problem: `${where}: Type must be text, numeric or dropdown; got "${type.slice(0, 30)}".`,
      };
    const key = uniqueKey(alphanumeric(label, 200), taken, `field${index + 1}`, 200);
    const field: CustomField = {
      key,
      label: { type: 'custom', custom: label },
      type: type as CustomField['type'],
      ...(asBoolean(row.optional, false) ? { optional: true } : {}),
    };
    if (type === 'dropdown') {
      const options = dropdownOptions(row.options, where);
      if ('problem' in options) return options;
      field.dropdown = { options };
    } else if (listItems(row.options, 'text').length > 0) {
      return {
        problem: `${where}: Options apply only to dropdown fields. Set Type to dropdown, or clear Options.`,
      };
    }
    fields.push(field);
  }
  return { fields };
}

export function inactiveMessage(value: unknown): { message: string } | Problem {
  const message = text(value);
  if (message.length > MAX_INACTIVE_MESSAGE)
    return {
      problem: `Inactive Message is ${message.length} characters; Stripe allows at most ${MAX_INACTIVE_MESSAGE}.`,
    };
  return { message };
}

/** Pure: the optional link settings as create parameters, or the first problem. */
export function planLinkOptions(input: LinkOptionsInput): { params: Partial<Params> } | Problem {
  const countries = shippingCountries(input.shipping_countries);
  if ('problem' in countries) return countries;
  const fields = customFields(input.custom_fields);
  if ('problem' in fields) return fields;
  const submitType = text(input.submit_type).toLowerCase();
  if (submitType && !(SUBMIT_TYPES as readonly string[]).includes(submitType))
    return {
      problem: `Submit Button must be one of ${SUBMIT_TYPES.join(', ')}; got "${submitType.slice(0, 30)}".`,
    };
  const trial = wholeNumber(input.trial_period_days, 'Trial Period (days)', 1, MAX_TRIAL_DAYS);
  if ('problem' in trial) return trial;
  const inactive = inactiveMessage(input.inactive_message);
  if ('problem' in inactive) return inactive;
  return {
    params: {
      ...(countries.countries.length
        ? { shipping_address_collection: { allowed_countries: countries.countries } }
        : {}),
      ...(asBoolean(input.automatic_tax, false) ? { automatic_tax: { enabled: true } } : {}),
      ...(asBoolean(input.tax_id_collection, false)
        ? { tax_id_collection: { enabled: true } }
        : {}),
      ...(fields.fields.length ? { custom_fields: fields.fields } : {}),
      ...(submitType ? { submit_type: submitType as Params['submit_type'] } : {}),
      ...(trial.value !== null ? { subscription_data: { trial_period_days: trial.value } } : {}),
      ...(inactive.message ? { inactive_message: inactive.message } : {}),
      ...(asBoolean(input.require_terms_consent, false)
        ? { consent_collection: { terms_of_service: 'required' as const } }
        : {}),
    },
  };
}
