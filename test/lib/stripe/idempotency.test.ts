import {
  paymentLinkIdempotencyKey,
  receiptIdempotencyKey,
  refundIdempotencyKey,
} from '../../../lib/stripe/idempotency';

// A refund made by an earlier version is found by its marker, and Stripe answers a retry by its
// key, only while both are derived exactly as before a deploy: these are golden values.
describe('idempotency keys stay the same from one version to the next', () => {
  it('refunds: charge, amount, reason and user key', () => {
    expect(refundIdempotencyKey('ch_1', 'full', null)).toBe(
      'zapier-refund-52b7b1402ef684e440cd9d9398a8973b6e42dca87c842077',
    );
    expect(refundIdempotencyKey('pi_1', 500, 'duplicate', 'mine')).toBe(
      'zapier-refund-0616908a848f452a05e2f4afbd79e3a69849bb5b2304710b',
    );
  });

  it('receipts: charge and address, the address in any case', () => {
    expect(receiptIdempotencyKey('ch_1', 'Ada@Example.com')).toBe(
      'zapier-receipt-b4b94a21c72b14613d1dd6900f2a99ac495966b320136fda',
    );
    expect(receiptIdempotencyKey('ch_1', 'ada@example.com')).toBe(
      receiptIdempotencyKey('ch_1', 'ADA@EXAMPLE.COM'),
    );
  });

  it('payment links: the definition and the user key; none without a user key', () => {
    const params = { line_items: [{ price: 'price_1', quantity: 1 }] };
    expect(paymentLinkIdempotencyKey(params, 'mine')).toBe(
      'zapier-plink-d9170bf610f1b499884d247324cb4bd17447aac8af5e33b6',
    );
    expect(paymentLinkIdempotencyKey(params, '')).toBeUndefined();
  });

  it("fit Stripe's 255 characters and show nothing of the inputs", () => {
    const key = refundIdempotencyKey('ch_1', 'full', null, 'secret'.repeat(200));
    expect(key).toMatch(/^zapier-refund-[0-9a-f]{48}$/);
  });
});
