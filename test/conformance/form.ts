/**
 * Stripe's wire encoding (`a[b][0][c]=v`, in GET queries and POST bodies) back to nested values,
 * as Stripe's own parser reads it: numeric keys make arrays, `[]` appends.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type Form = { [key: string]: FormValue };

function keyPath(name: string): string[] {
  const first = name.indexOf('[');
  if (first < 0) return [name];
  const rest = [...name.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
  return [name.slice(0, first), ...rest];
}

export function parseForm(text: string): Form {
  const root: Form = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const path = keyPath(name);
    let node: Form | FormValue[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1]);
      const holder = node as Record<string, FormValue> & FormValue[];
      const key = part === '' && Array.isArray(node) ? node.length : part;
      if (last) {
        holder[key as never] = value as never;
        return;
      }
      holder[key as never] ??= (nextIsIndex ? [] : {}) as never;
      node = holder[key as never] as Form | FormValue[];
    });
  }
  return root;
}

export function text(form: Form, key: string): string | undefined {
  const value = form[key];
  return typeof value === 'string' ? value : undefined;
}

export function list(form: Form, key: string): string[] {
  const value = form[key];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A number only when Stripe would read one: a fractional `limit` stays what it is (NaN-free). */
export function num(form: Form, key: string): number | undefined {
  const value = text(form, key);
  return value === undefined || value === '' ? undefined : Number(value);
}
