/**
 * Stripe's restricted-key permissions, named as the Dashboard's key editor names them, for the
 * endpoints and expansions this app uses. The docs' permissions table is generated from the calls
 * each operation is seen to make (test/conformance), through these functions.
 */

/** First path segment(s) of `/v1/…` → the Dashboard's resource name. */
const BY_PATH: [RegExp, string][] = [
  // Listing connected accounts is a Connect permission; the key's own account is "Account".
  [/^\/v1\/accounts$/, 'Connect → Accounts'],
  [/^\/v1\/accounts?(\/|$)/, 'Account'],
  [/^\/v1\/checkout\/sessions/, 'Checkout Sessions'],
  [/^\/v1\/billing_portal\/(sessions|configurations)/, 'Customer portal'],
  [/^\/v1\/subscriptions/, 'Subscriptions'],
  [/^\/v1\/events/, 'Events'],
  [/^\/v1\/refunds/, 'Refunds'],
  [/^\/v1\/payment_links/, 'Payment Links'],
  [/^\/v1\/customers/, 'Customers'],
  [/^\/v1\/prices/, 'Prices'],
  [/^\/v1\/products/, 'Products'],
  [/^\/v1\/invoices/, 'Invoices'],
  [/^\/v1\/charges/, 'Charges'],
  [/^\/v1\/payment_intents/, 'Payment Intents'],
  [/^\/v1\/disputes/, 'Disputes'],
  [/^\/v1\/webhook_endpoints/, 'Webhook Endpoints'],
];

/** A field an `expand[]` follows → the resource it reads. */
const BY_FIELD: Record<string, string> = {
  payment_intent: 'Payment Intents',
  latest_charge: 'Charges',
  charge: 'Charges',
  balance_transaction: 'Balance',
  payment_link: 'Payment Links',
  price: 'Prices',
  product: 'Products',
  refunds: 'Refunds',
  invoice: 'Invoices',
  customer: 'Customers',
};

/** Stripe's 403 names a permission as `rak_<resource>_<read|write>`: its Dashboard name. */
const BY_RAK: Record<string, string> = {
  account: 'Account',
  charge: 'Charges',
  checkout_session: 'Checkout Sessions',
  customer: 'Customers',
  billing_portal_session: 'Customer portal',
  billing_portal_configuration: 'Customer portal',
  connected_account: 'Connect → Accounts',
  subscription: 'Subscriptions',
  event: 'Events',
  refund: 'Refunds',
  payment_link: 'Payment Links',
  price: 'Prices',
  product: 'Products',
  plan: 'Prices',
  invoice: 'Invoices',
  payment_intent: 'Payment Intents',
  dispute: 'Disputes',
  webhook_endpoint: 'Webhook Endpoints',
  balance_transaction: 'Balance',
  balance: 'Balance',
};

export type Access = 'read' | 'write';
export type Permission = { resource: string; access: Access };

/** `GET /v1/charges/{id}` → Charges: read; POST and DELETE are writes. */
export function permissionForEndpoint(template: string): Permission | null {
  const [method, path] = template.split(' ');
  const found = BY_PATH.find(([pattern]) => pattern.test(path));
  if (!found) return null;
  return { resource: found[1], access: method === 'GET' ? 'read' : 'write' };
}

/** `data.payment_intent.latest_charge` → Payment Intents: read, Charges: read. */
export function permissionsForExpansion(expand: string): Permission[] {
  return expand
    .split('.')
    .filter((field) => BY_FIELD[field])
    .map((field) => ({ resource: BY_FIELD[field], access: 'read' as const }));
}

/** `rak_charge_write` → "Charges: write", or null for a name this app does not know. */
export function permissionFromRak(rak: string): string | null {
  const found = /^rak_([a-z0-9_]+?)_(read|write)$/.exec(rak);
  const resource = found && BY_RAK[found[1]];
  return resource ? `${resource}: ${found[2]}` : null;
}

/** Write includes read in Stripe's key editor: one entry per resource, sorted by name. */
export function mergePermissions(list: Permission[]): Permission[] {
  const byResource = new Map<string, Access>();
  for (const { resource, access } of list)
    if (byResource.get(resource) !== 'write') byResource.set(resource, access);
  return [...byResource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([resource, access]) => ({ resource, access }));
}

export const describePermission = (p: Permission): string => `${p.resource}: ${p.access}`;
