import portal from '../fixtures/links/portal_session.json';
import { operationRunner, refusedBeforeSending } from '../helpers';
import { stripeReplies, type WireRequest } from './stripe-wire';

const run = operationRunner('creates', 'create_portal_session');

describe('create_portal_session — flows and configuration', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    [
      'cancel a subscription',
      { flow: 'subscription_cancel', subscription: 'sub_1QxLumenMonthly' },
      {
        'flow_data[type]': 'subscription_cancel',
        'flow_data[subscription_cancel][subscription]': 'sub_1QxLumenMonthly',
      },
    ],
    [
      'change a subscription',
      { flow: 'subscription_update', subscription: 'sub_1QxLumenMonthly' },
      {
        'flow_data[type]': 'subscription_update',
        'flow_data[subscription_update][subscription]': 'sub_1QxLumenMonthly',
      },
    ],
    [
      'update the payment method, with a configuration',
      { flow: 'payment_method_update', configuration: 'bpc_1QxBrandB' },
      { 'flow_data[type]': 'payment_method_update', configuration: 'bpc_1QxBrandB' },
    ],
  ])('sends the flow to %s', async (_n, input, expected) => {
    const wire: WireRequest[] = [];
    stripeReplies(wire, 'post', '/v1/billing_portal/sessions', portal);
    await run({ customer: 'cus_QxLumen01', ...input });
    expect(wire).toHaveLength(1);
    expect(wire[0].form).toEqual({ customer: 'cus_QxLumen01', ...expected });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a cancel flow without subscription',
      { flow: 'subscription_cancel' },
      /needs the Subscription \(sub_…\) to cancel/,
    ],
    [
      'a subscription without a flow',
      { subscription: 'sub_1QxLumenMonthly' },
      /used only with the flows/,
    ],
    [
      'a subscription with the payment-method flow',
      { flow: 'payment_method_update', subscription: 'sub_1QxLumenMonthly' },
      /used only with the flows/,
    ],
    ['an unknown flow', { flow: 'invoice_history' }, /Flow must be one of payment_method_update/],
    [
      'an invoice id as subscription',
      { flow: 'subscription_update', subscription: 'in_1QxLumen' },
      /Subscription "in_1QxLumen" is not a subscription ID \(sub_…\)/,
    ],
    [
      'a product id as configuration',
      { configuration: 'prod_QxArtPrint' },
      /portal configuration ID \(bpc_…\)/,
    ],
  ])('refuses %s before sending anything', async (_n, input, message) => {
    const { err, sent } = await refusedBeforeSending(() =>
      run({ customer: 'cus_QxLumen01', ...input }),
    );
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });
});
