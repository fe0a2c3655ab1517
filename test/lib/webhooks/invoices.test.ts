import type { Bundle } from 'zapier-platform-core';
import { selectPaidInvoice } from '../../../lib/webhooks/invoices';
import { sampleLimit } from '../../../lib/webhooks/lifecycle';
import invoice from '../../fixtures/triggers/invoice_paid.json';
import { eventOf } from '../../triggers/stripe-hook-helpers';

describe('invoice_paid selection', () => {
  it('fires once per invoice', () => {
    expect(selectPaidInvoice(eventOf('invoice.paid', invoice, 'evt_1'))).toEqual({
      object: invoice,
      onceKey: 'invoice:in_1QxLumenInv001',
    });
  });

  it('does not fire for anything that is not an invoice with an id', () => {
    expect(
      selectPaidInvoice(eventOf('invoice.paid', { ...invoice, object: 'charge' }, 'e')),
    ).toBeNull();
    expect(selectPaidInvoice(eventOf('invoice.paid', { ...invoice, id: '' }, 'e'))).toBeNull();
  });
});

describe('sampleLimit', () => {
  const meta = (limit?: number) =>
    ({ meta: limit === undefined ? {} : { limit } }) as unknown as Bundle;

  it("is Zapier's limit when it sets one, else 10, never above one Stripe page", () => {
    expect([undefined, 0, -1, 3, 100, 250].map((l) => sampleLimit(meta(l)))).toEqual([
      10, 10, 10, 3, 100, 100,
    ]);
    expect(sampleLimit({} as Bundle)).toBe(10);
  });
});
