/**
 * Which provider endpoints each operation was seen to call, as `METHOD /path/{id}` templates:
 * the data the docs' permissions table (restricted keys, Google scopes) is generated from.
 */
export interface SeenEndpoints {
  operation: string;
  stripe: string[];
  /** The `expand[]` paths of its Stripe calls: each reads the objects it follows. */
  stripeExpand: string[];
  google: string[];
}

/** The `expand[]` values of a Stripe request's query (`expand[0]=data.line_items`…). */
export function stripeExpansions(path: string): string[] {
  const query = new URLSearchParams(path.split('?')[1] ?? '');
  return [...query.entries()].filter(([k]) => /^expand(\[\d*\])?$/.test(k)).map(([, v]) => v);
}

const STRIPE_ID =
  /^(acct|bps|bpc|ch|cs|cus|dp|evt|in|li|pi|plink|pm|price|prod|py|re|sub|txn|we)_[A-Za-z0-9_]+$/;

/** `/v1/checkout/sessions/cs_test_…/line_items?…` → `/v1/checkout/sessions/{id}/line_items`. */
export function stripeTemplate(method: string, path: string): string {
  const pathname = path.split('?')[0];
  const parts = pathname.split('/').map((part) => (STRIPE_ID.test(part) ? '{id}' : part));
  return `${method.toUpperCase()} ${parts.join('/')}`;
}

/** Sheets ids and A1 ranges, Gmail's `me`, as templates: `GET /v4/spreadsheets/{id}/values/{range}`. */
export function googleTemplate(method: string, origin: string, path: string): string {
  const host = new URL(origin).host;
  const pathname = path.split('?')[0];
  const sheets = pathname.match(/^\/v4\/spreadsheets(\/[^/:]+)?(\/values)?(\/[^/:]+)?(:\w+)?$/);
  let template = pathname;
  if (sheets) {
    template = '/v4/spreadsheets';
    if (sheets[1]) template += '/{spreadsheetId}';
    if (sheets[2]) template += '/values';
    if (sheets[3]) template += '/{range}';
    if (sheets[4]) template += sheets[4];
  }
  return `${method.toUpperCase()} ${host}${template}`;
}

export class SeenRecorder {
  private current = '(setup)';
  private byOperation = new Map<
    string,
    { stripe: Set<string>; stripeExpand: Set<string>; google: Set<string> }
  >();

  /** The operation method the next requests belong to, e.g. `creates.create_refund.perform`. */
  begin(operation: string): void {
    this.current = operation;
    if (!this.byOperation.has(operation))
      this.byOperation.set(operation, {
        stripe: new Set(),
        stripeExpand: new Set(),
        google: new Set(),
      });
  }

  record(provider: 'stripe' | 'google', template: string, expansions: string[] = []): void {
    this.begin(this.current);
    const seen = this.byOperation.get(this.current)!;
    seen[provider].add(template);
    for (const expand of expansions) seen.stripeExpand.add(expand);
  }

  table(): SeenEndpoints[] {
    return [...this.byOperation.entries()]
      .filter(([operation]) => operation !== '(setup)')
      .map(([operation, seen]) => ({
        operation,
        stripe: [...seen.stripe].sort(),
        stripeExpand: [...seen.stripeExpand].sort(),
        google: [...seen.google].sort(),
      }))
      .sort((a, b) => a.operation.localeCompare(b.operation));
  }
}

/** A markdown table of the endpoints, one row per operation method. */
export function seenMarkdown(rows: SeenEndpoints[]): string {
  const cell = (list: string[]) => (list.length ? list.map((e) => `\`${e}\``).join('<br>') : '—');
  return [
    '| Operation | Stripe | Google |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.operation} | ${cell(r.stripe)} | ${cell(r.google)} |`),
  ].join('\n');
}
