import { recoveryUrl } from '../../../lib/links/recovery';

describe('recoveryUrl: the link again, under the tracked-link rules', () => {
  it('prefills the email and the reference, encoded, keeping the link’s own parameters', () => {
    expect(
      recoveryUrl('https://buy.stripe.com/test_9AQ5kQ?locale=de', {
        email: 'ada+shop@example.com',
        clientReferenceId: 'order-1042',
      }),
    ).toBe(
      'https://buy.stripe.com/test_9AQ5kQ?locale=de&client_reference_id=order-1042&prefilled_email=ada%2Bshop%40example.com',
    );
  });

  it.each([
    ['an email that is not one address', 'ada@example.com, eve@example.com', 'order-1042'],
    ['a reference Stripe would drop', 'ada@example.com', 'order/1042'],
    ['a reference over 200 characters', 'ada@example.com', 'x'.repeat(201)],
  ])('leaves out %s and keeps the rest', (_case, email, reference) => {
    const url = new URL(
      recoveryUrl('https://buy.stripe.com/test_9AQ5kQ', { email, clientReferenceId: reference })!,
    );
    const kept = [...url.searchParams.keys()];
    expect(kept.length).toBe(1);
    expect(
      url.searchParams.get('prefilled_email') ?? url.searchParams.get('client_reference_id'),
    ).toMatch(/^(ada@example\.com|order-1042)$/);
  });

  it('no link URL (the session read failed): no recovery URL', () => {
    expect(recoveryUrl(null, { email: 'ada@example.com', clientReferenceId: null })).toBeNull();
  });
});
