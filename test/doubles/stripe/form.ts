/**
 * Stripe's form encoding read back into a tree: `line_items[0][price]=p` and `expand[]=x` become
 * nested nodes, as Stripe's server reads them. A node has a value (a leaf), children, or both
 * (both is itself an error the checker reports).
 */
export interface FormNode {
  value?: string;
  children: Map<string, FormNode>;
  /** The key as sent, e.g. `line_items[0][price]`, for error messages. */
  name: string;
}

/** `a[b][0][]` → ['a', 'b', '0', '']; null when the brackets do not close. */
export function keyPath(key: string): string[] | null {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const parts = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length > 0) {
    const m = /^\[([^[\]]*)\]/.exec(rest);
    if (!m) return null;
    parts.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return parts;
}

export function emptyNode(name: string): FormNode {
  return { children: new Map(), name };
}

/** Reads a form body or query string; a key sent twice with `[]` gets the next index. */
export function parseForm(text: string): { root: FormNode; malformed: string[] } {
  const root = emptyNode('');
  const malformed: string[] = [];
  if (!text) return { root, malformed };
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = keyPath(key);
    if (!parts || parts[0] === '') {
      malformed.push(key);
      continue;
    }
    let node = root;
    let name = '';
    parts.forEach((part, i) => {
      const segment = part === '' ? String(node.children.size) : part;
      name = i === 0 ? segment : `${name}[${segment}]`;
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = emptyNode(name)));
      node = child;
    });
    node.value = value;
  }
  return { root, malformed };
}

export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** The tree as plain values, as Stripe's parser hands them on: numeric keys make arrays. */
export function formValue(node: FormNode): FormValue {
  if (node.children.size === 0) return node.value ?? '';
  const entries = [...node.children].map(([key, child]) => [key, formValue(child)] as const);
  return entries.every(([key]) => /^\d+$/.test(key))
    ? entries.map(([, value]) => value)
    : Object.fromEntries(entries);
}
