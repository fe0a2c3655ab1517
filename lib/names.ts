/**
 * First and last name from the one name Stripe Checkout collects. Stripe gives a single `name`
 * (plus `individual_name` / `business_name` when the link asks for them), so this is a careful
 * guess, documented in docs/triggers.md:
 * - a business name is never split: it goes whole into the first name, the last name stays null;
 * - "Lovelace, Ada" → Ada / Lovelace (a comma before Jr., III, … is not this form);
 * - a leading title (Dr, Mrs, …) is dropped ("Dr Smith" → no first name / Smith);
 * - otherwise the first word is the first name and the rest the last name, so particles stay
 *   with the surname ("Ludwig van Beethoven" → Ludwig / van Beethoven);
 * - Chinese, Japanese and Korean names with a space are family name first ("山田 太郎" →
 *   太郎 / 山田); without a space they are left whole in the first name;
 * - a single word is the first name.
 */
export type NameParts = { first: string | null; last: string | null };

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'herr',
  'frau',
  'mme',
  'mlle',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);

/** Legal forms and words that mark an organisation rather than a person. */
const BUSINESS_WORDS = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'kg',
  'ug',
  'ohg',
  'gbr',
  'ev',
  'sa',
  'sas',
  'sarl',
  'sàrl',
  'srl',
  'spa',
  'bv',
  'nv',
  'plc',
  'pty',
  'pte',
  'pvt',
  'ab',
  'oy',
  'oyj',
  'as',
  'aps',
  'kk',
  'foundation',
  'association',
  'university',
  'school',
  'club',
  'studio',
  'studios',
  'agency',
]);

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function bare(word: string): string {
  return word.toLowerCase().replace(/[.,]/g, '');
}

/** True for "Acme GmbH", "Smith & Sons", "Blue Fern Studio LLC"; false for "Ada Lovelace". */
export function looksLikeBusiness(name: string): boolean {
  if (/&|\+/.test(name)) return true;
  const words = name.split(/\s+/).map(bare);
  return words.length > 1 && words.some((w) => BUSINESS_WORDS.has(w));
}

export function splitPersonName(name: string): NameParts {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return { first: null, last: null };
  const comma = clean.split(',').map((p) => p.trim());
  if (comma.length === 2 && comma[0] && comma[1] && !SUFFIXES.has(bare(comma[1])))
    return { first: comma[1], last: comma[0] };
  let words = clean.replace(/,/g, '').split(' ');
  if (words.length > 1 && TITLES.has(bare(words[0]))) {
    words = words.slice(1);
    if (words.length === 1) return { first: null, last: words[0] };
  }
  if (words.length === 1) return { first: words[0], last: null };
  if (CJK.test(clean)) return { first: words.slice(1).join(' '), last: words[0] };
  return { first: words[0], last: words.slice(1).join(' ') };
}

/**
 * From Checkout's customer details: the individual's name when Stripe has one apart from the
 * business; a business (Stripe says so, or the name has a legal form) stays whole.
 */
export function customerNameParts(details: {
  name?: string | null;
  individual_name?: string | null;
  business_name?: string | null;
}): NameParts {
  if (details.individual_name) return splitPersonName(details.individual_name);
  const business =
    details.business_name ??
    (details.name && looksLikeBusiness(details.name) ? details.name : null);
  if (business) return { first: business.trim(), last: null };
  return splitPersonName(details.name ?? '');
}
