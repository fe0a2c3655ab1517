import type Stripe from 'stripe';
import link from '../../fixtures/links/payment_link.json';
import { parseLinkQuery, paymentLinkRecord, textMatch } from '../../../lib/links/find';

const withItems = {
  ...link,
  line_items: { object: 'list', data: [{ description: 'Art print (A4)' }], has_more: false },
} as unknown as Stripe.PaymentLink;

describe('find_payment_link: what the Zap builder typed', () => {
  it.each([
    ['plink_1QxSpringSale', { id: 'plink_1QxSpringSale' }],
    ['https://buy.stripe.com/test_9AQ5kQ', { url: 'https://buy.stripe.com/test_9AQ5kQ' }],
    ['spring-sale', { text: 'spring-sale' }],
    ['', { problem: expect.stringMatching(/^Payment Link is empty: map/) }],
  ])('%j is read as %j', (input, expected) => {
    expect(parseLinkQuery(input)).toEqual(expected);
  });

  it.each([
    ['SPRING-SALE', 'metadata'],
    ['spring', null],
    ['art print', 'product'],
    ['poster', null],
  ])('%j matches the link by %s', (text, by) => {
    expect(textMatch(withItems, text)).toBe(by);
  });

  it('says what the link sells, where it goes after payment and where it is in the Dashboard', () => {
    expect(paymentLinkRecord(withItems, 'product', 3, null)).toMatchObject({
      name: 'Art print (A4)',
      products: 'Art print (A4)',
      after_completion: 'redirect',
      redirect_url: 'https://shop.example.com/thanks?session_id={CHECKOUT_SESSION_ID}',
      dashboard_url: 'https://dashboard.stripe.com/test/payment-links/plink_1QxSpringSale',
      links_matched: 3,
    });
  });
});
