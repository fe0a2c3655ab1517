import type { Bundle } from 'zapier-platform-core';

/** The Payment Link filter both order triggers share. */
export const paymentLinksField = {
  key: 'payment_links',
  label: 'Payment Links',
  list: true,
  required: false,
  dynamic: 'payment_link_list.id.name',
  helpText:
    'Fire only for orders from these Payment Links. Leave empty to fire for every paid Checkout Session in the account (including ones that did not come from a Payment Link).',
};

export function selectedLinks(bundle: Bundle): string[] {
  const value = bundle.inputData.payment_links;
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string' && value
      ? value.split(',')
      : [];
  return list.map((v) => String(v).trim()).filter(Boolean);
}
