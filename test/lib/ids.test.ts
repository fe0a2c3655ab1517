import { stripeAccountProblem, stripeKeyProblem } from '../../lib/stripe/key';
import { checkStripeId, kindOfStripeId } from '../../lib/stripe/validate';

describe('Stripe key shape', () => {
  it.each([
    'sk_test_51Abcdefghijkl',
    'sk_live_51Abcdefghijkl',
    'rk_test_51Abcdefghijkl',
    ' rk_live_51Abcdefghijkl ',
  ])('accepts %s', (key) => expect(stripeKeyProblem(key)).toBeNull());
  it.each([
    undefined,
    '',
    'pk_live_51Abcdefghijkl',
    'whsec_51Abcdefghijkl',
    'sk_test_short',
    'sk_prod_51Abcdefghijkl',
  ])('refuses %s', (key) => expect(stripeKeyProblem(key)).not.toBeNull());
  it('checks the Connect account only when given', () => {
    expect(stripeAccountProblem('')).toBeNull();
    expect(stripeAccountProblem('acct_1Nv0FGQ9')).toBeNull();
    expect(stripeAccountProblem('cus_123')).not.toBeNull();
  });
});

describe('Stripe id shapes', () => {
  it.each([
    ['cs_test_a1B2c3D4e5F6g7', 'checkout_session'],
    ['cs_live_a1B2c3D4e5F6g7', 'checkout_session'],
    ['pi_3NabcdefGhijkl', 'payment_intent'],
    ['ch_3NabcdefGhijkl', 'charge'],
    ['py_3NabcdefGhijkl', 'charge'],
    ['plink_1NabcdefGhijkl', 'payment_link'],
    ['cus_NabcdefG', 'customer'],
    ['price_1Nabcdef', 'price'],
    ['in_1NabcdefGhijkl', 'invoice'],
    ['https://buy.stripe.com/test_abc', null],
    // opaque: any length, any characters but spaces, only the prefix counts
    ['pi_1', 'payment_intent'],
    ['ch_3Nab-cd_EF.9', 'charge'],
    ['cus_1', 'customer'],
    ['plan_H8n1Abc', 'price'],
    [`pi_${'a'.repeat(252)}`, 'payment_intent'],
    [`pi_${'a'.repeat(253)}`, null],
    ['pi_', null],
    ['cs_3Nabcdef', null],
  ])('%s is a %s', (id, kind) => expect(kindOfStripeId(id)).toBe(kind));

  it('takes a legacy Plan id wherever a price goes, but not a product id or a secret', () => {
    expect(checkStripeId('gold-monthly', ['price'], 'Price')).toEqual({
      id: 'gold-monthly',
      kind: 'price',
    });
    expect(checkStripeId('gold-monthly', ['payment_intent'], 'Payment')).toHaveProperty('problem');
    expect(checkStripeId('prod_QxArt', ['price'], 'Price')).toHaveProperty('problem');
    expect(checkStripeId('sk_live_51NfakeKeyForTests', ['price'], 'Price')).toHaveProperty(
      'problem',
    );
    expect(checkStripeId('pi_3Nab', ['price'], 'Price')).toHaveProperty('problem');
  });

  it('names the field and the accepted forms', () => {
    const result = checkStripeId('pi_3Nab cdef', ['checkout_session', 'payment_intent'], 'Payment');
    expect(result).toEqual({
      problem: 'Payment "pi_3Nab cdef" is not a valid id. Expected cs_test_a1B2c3… or pi_3Nab….',
    });
  });

  it('never echoes a secret pasted into an id field', () => {
    const result = checkStripeId('sk_live_51NfakeKeyForTests', ['payment_intent'], 'Payment');
    expect(JSON.stringify(result)).not.toContain('sk_live_51NfakeKeyForTests');
  });

  it('trims and returns the kind', () => {
    expect(checkStripeId('  ch_3NabcdefGhijkl ', ['charge'], 'Payment')).toEqual({
      id: 'ch_3NabcdefGhijkl',
      kind: 'charge',
    });
    expect(checkStripeId('', ['charge'], 'Payment')).toEqual({
      problem: expect.stringMatching(/^Payment is empty/),
    });
  });
});
