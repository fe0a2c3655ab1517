import { forZapHistory, redactSecrets } from '../../lib/redact';

describe('redactSecrets', () => {
  it.each([
    'sk_test_51NfakeKeyForTestsOnly000',
    'sk_live_51NfakeKeyForTestsOnly000',
    'rk_live_51NfakeKeyForTestsOnly000',
    'whsec_abcdEFGH1234ijkl',
    'ya29.a0AfB_byC-token_value',
    'Bearer abc.def-ghi',
  ])('removes %s', (secret) => {
    const text = redactSecrets(`failed with ${secret} today`);
    expect(text).toBe('failed with [redacted] today');
  });

  it('leaves ordinary ids alone', () => {
    expect(redactSecrets('cs_test_a1B2 pi_3Nab plink_1Q')).toBe('cs_test_a1B2 pi_3Nab plink_1Q');
  });
});

describe('forZapHistory', () => {
  it('fits in 250 characters and folds whitespace', () => {
    const text = forZapHistory(`a\n\n${'x'.repeat(400)}`);
    expect(text).toHaveLength(250);
    expect(text.startsWith('a x')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });
});
