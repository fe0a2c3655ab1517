/**
 * Email addresses as a Zap builder maps them. Each field takes exactly one bare address: a
 * pasted list, a display name or a line break must never add a recipient or a header, so
 * anything but one plain address is refused with a message naming the field.
 */
export interface Mailbox {
  name: string;
  address: string;
}

export const MAX_RECIPIENTS = 100;

const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TLD = /^(\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/iu;

function shown(value: string): string {
  const flat = value.replace(/[\r\n\t]/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

/** Why the text is not exactly one address, in words for a Zap builder; null when it is one. */
function addressProblem(text: string): string | null {
  if (/[\r\n]/.test(text)) return 'contains a line break';
  if (/[,;]/.test(text)) return 'looks like a list of addresses (a comma or semicolon)';
  if (/[<>]/.test(text)) return 'has a name or extra text in angle brackets';
  if (/["()\\:[\]]/.test(text) || /\s/.test(text)) return 'has extra text around the address';
  const parts = text.split('@');
  if (parts.length !== 2) return parts.length < 2 ? 'has no @' : 'has more than one @';
  const [local, domain] = parts;
  if (!local || local.length > 64) return 'has no valid part before the @';
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom)))
    return 'has characters that are not allowed before the @';
  const labels = domain.toLowerCase().split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !TLD.test(labels.at(-1)!))
    return 'has no valid domain after the @ (like example.com)';
  if (text.length > 254) return 'is longer than 254 characters';
  return null;
}

export type AddressResult = { address: string } | { problem: string };

/** One bare address (a single pair of surrounding angle brackets is tolerated), or a problem. */
export function checkAddress(value: unknown, fieldLabel: string): AddressResult {
  const raw = typeof value === 'string' ? value : '';
  let text = raw.trim();
  if (/^<[^<>]*>$/.test(text)) text = text.slice(1, -1).trim();
  if (!text)
    return { problem: `${fieldLabel} is empty. Enter one email address, like ana@example.com.` };
  const problem = addressProblem(text);
  if (!problem) return { address: text };
  const advice = /list/.test(problem)
    ? 'Enter exactly one address per field or per list row.'
    : /angle|extra text/.test(problem)
      ? 'Enter only the address, like ana@example.com; put names in the name fields.'
      : 'Enter one address, like ana@example.com.';
  return { problem: `${fieldLabel} "${shown(raw.trim())}" ${problem}. ${advice}` };
}

/** A Zapier list field (array, or a single string when not mapped as a list): each item checked. */
export function checkAddressList(
  value: unknown,
  fieldLabel: string,
): { addresses: string[] } | { problem: string } {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const addresses: string[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (typeof item === 'string' && !item.trim()) continue;
    const result = checkAddress(
      item,
      items.length > 1 ? `${fieldLabel} (item ${index + 1})` : fieldLabel,
    );
    if ('problem' in result) return result;
    const key = result.address.toLowerCase();
    if (!seen.has(key)) addresses.push(result.address);
    seen.add(key);
  }
  return { addresses };
}

/**
 * Names and subjects may hold any text (MailComposer encodes them per RFC 2047); control
 * characters only ever come from a bad mapping, so they become spaces.
 */
export function cleanHeaderText(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  return String(value)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function mailbox(address: string, name: unknown = ''): Mailbox {
  return { name: cleanHeaderText(name), address };
}
