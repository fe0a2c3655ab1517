/** Words that stay lowercase inside a title (Chicago style), unless first or after a colon. */
const MINOR = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'but',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'per',
  'as',
  'vs',
  'via',
  'into',
]);

/** The words of a label that break Title Case: a lowercase major word, or a capitalised start. */
export function titleCaseProblems(label: string): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const bare = words.map((raw) => raw.replace(/^[("'“]+|[)"'”,.:;!?]+$/g, ''));
  return bare.filter((word, i) => {
    if (!/^[a-z]/.test(word)) return false;
    // a key, an id prefix, an address: code, not words
    if (/[_.…/@]|\d/.test(word)) return false;
    const first = i === 0 || /:$/.test(words[i - 1]);
    return first || !MINOR.has(word);
  });
}
