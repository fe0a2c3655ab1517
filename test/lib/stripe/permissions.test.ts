import {
  mergePermissions,
  permissionForEndpoint,
  permissionFromRak,
  permissionsForExpansion,
} from '../../../lib/stripe/permissions';

describe("Stripe restricted-key permissions, in the Dashboard's names", () => {
  it.each([
    ['GET /v1/charges/{id}', { resource: 'Charges', access: 'read' }],
    ['POST /v1/charges/{id}', { resource: 'Charges', access: 'write' }],
    ['GET /v1/events', { resource: 'Events', access: 'read' }],
    ['POST /v1/billing_portal/sessions', { resource: 'Customer portal', access: 'write' }],
    ['DELETE /v1/webhook_endpoints/{id}', { resource: 'Webhook Endpoints', access: 'write' }],
    ['GET /v1/customers/search', { resource: 'Customers', access: 'read' }],
    ['GET /v1/account', { resource: 'Account', access: 'read' }],
    ['GET /v1/accounts', { resource: 'Connect → Accounts', access: 'read' }],
    ['GET /v1/subscriptions', { resource: 'Subscriptions', access: 'read' }],
    ['GET /v1/billing_portal/configurations', { resource: 'Customer portal', access: 'read' }],
    ['GET /v1/unknown', null],
  ])('%s → %j', (template, expected) => {
    expect(permissionForEndpoint(template)).toEqual(expected);
  });

  it('an expansion reads each object it follows', () => {
    expect(
      permissionsForExpansion('data.payment_intent.latest_charge.balance_transaction').map(
        (p) => p.resource,
      ),
    ).toEqual(['Payment Intents', 'Charges', 'Balance']);
    expect(permissionsForExpansion('line_items.data.price.product').map((p) => p.resource)).toEqual(
      ['Prices', 'Products'],
    );
  });

  it('write includes read: one entry per resource', () => {
    expect(
      mergePermissions([
        { resource: 'Refunds', access: 'read' },
        { resource: 'Refunds', access: 'write' },
        { resource: 'Charges', access: 'read' },
      ]),
    ).toEqual([
      { resource: 'Charges', access: 'read' },
      { resource: 'Refunds', access: 'write' },
    ]);
  });

  it.each([
    ['rak_charge_write', 'Charges: write'],
    ['rak_checkout_session_read', 'Checkout Sessions: read'],
    ['rak_event_read', 'Events: read'],
    ['rak_connected_account_read', 'Connect → Accounts: read'],
    ['rak_subscription_read', 'Subscriptions: read'],
    ['rak_something_new_read', null],
  ])("Stripe's 403 name %s → %s", (rak, expected) => {
    expect(permissionFromRak(rak)).toBe(expected);
  });
});
