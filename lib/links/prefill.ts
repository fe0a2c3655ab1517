import { checkAddress } from '../email/address';
import { text } from '../input';

/**
 * Payment Link URL parameters that fill in the payment page: `prefilled_email`,
 * `prefilled_promo_code` and `locale`. Pure; each value is checked so a typo is named instead
 * of Stripe silently ignoring it.
 */
export type PrefillInput = {
  prefilled_email?: unknown;
  prefilled_promo_code?: unknown;
  locale?: unknown;
};
export const PREFILL_FIELDS = ['prefilled_email', 'prefilled_promo_code', 'locale'] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];

/** Checkout's locales as stripe-node 23.1 lists them (`Checkout.SessionCreateParams.Locale`). */
export const CHECKOUT_LOCALES = [
  'auto',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'es',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'hi-IN',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
] as const;

/** Stripe's rule for promotion codes: letters, digits and dashes. */
const PROMO_CODE = /^[A-Za-z0-9-]{1,500}$/;

/** "en-gb", "en_GB" → "en-GB"; "de-DE" → a suggestion of "de". */
export function checkoutLocale(value: unknown): { locale: string | null } | { problem: string } {
  const raw = text(value);
  if (!raw) return { locale: null };
  const wanted = raw.replace('_', '-').toLowerCase();
  const exact = CHECKOUT_LOCALES.find((l) => l.toLowerCase() === wanted);
  if (exact) return { locale: exact };
  const language = CHECKOUT_LOCALES.find((l) => l === wanted.split('-')[0]);
  return {
    problem: `Locale "${raw.slice(0, 20)}" is not one of Stripe Checkout's languages.${language ? ` Use "${language}".` : ''} Examples: en, en-GB, de, fr-CA, es-419, pt-BR, ja.`,
  };
}

export function planPrefill(
  input: PrefillInput,
): { params: Partial<Record<PrefillField, string>> } | { problem: string } {
  const params: Partial<Record<PrefillField, string>> = {};
  if (text(input.prefilled_email)) {
    const email = checkAddress(input.prefilled_email, 'Prefilled Email');
    if ('problem' in email) return email;
    params.prefilled_email = email.address;
  }
  const promo = text(input.prefilled_promo_code);
  if (promo && !PROMO_CODE.test(promo))
    return {
      problem: `Prefilled Promo Code "${promo.slice(0, 30)}" is not a promotion code: Stripe's codes have only letters, digits and "-" (e.g. SPRING-25).`,
    };
  if (promo) params.prefilled_promo_code = promo;
  const locale = checkoutLocale(input.locale);
  if ('problem' in locale) return locale;
  if (locale.locale) params.locale = locale.locale;
  return { params };
}
