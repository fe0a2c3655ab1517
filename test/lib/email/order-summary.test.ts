import type Stripe from 'stripe';
import { orderSummaryHtml, orderSummaryText } from '../../../lib/email/order-summary';
import { checkoutSessionToOrder } from '../../../lib/stripe/order';
import session from '../../fixtures/email/checkout_session.json';

const stripeSession = session as unknown as Stripe.Checkout.Session;
const order = checkoutSessionToOrder(stripeSession, stripeSession.line_items!.data);

describe('orderSummaryText', () => {
  it('lists items with quantities and line totals, then subtotal, tax and total in the currency precision', () => {
    expect(orderSummaryText(order)).toBe(
      [
        'Order summary',
        '-------------',
        '2 × Ebook <script>alert("x")</script> & "Night & Day": 32.40 EUR',
        '1 × Gift wrap: 16.20 EUR',
        'Subtotal: 45.00 EUR',
        'Tax: 3.60 EUR',
        'Total: 48.60 EUR',
      ].join('\n'),
    );
  });

  /** One gift-wrap line in another currency, with a subtotal, a discount and a total in minor units. */
  const orderIn = (currency: string, subtotal: number, discount: number, total: number) =>
    checkoutSessionToOrder(
      {
        ...stripeSession,
        currency,
        amount_subtotal: subtotal,
        amount_total: total,
        total_details: { amount_discount: discount, amount_shipping: 0, amount_tax: 0 },
      },
      [{ ...stripeSession.line_items!.data[1], currency, amount_total: total }],
    );

  it('shows zero-decimal and three-decimal currencies as Stripe means them', () => {
    expect(orderSummaryText(orderIn('jpy', 1200, 0, 1200))).toMatch(
      /1 × Gift wrap: 1200 JPY\nTotal: 1200 JPY$/,
    );
    expect(orderSummaryText(orderIn('kwd', 1250, 250, 1000))).toMatch(
      /Subtotal: 1\.250 KWD\nDiscount: -0\.250 KWD\nTotal: 1\.000 KWD$/,
    );
  });
});

describe('orderSummaryHtml', () => {
  it('escapes every value from Stripe', () => {
    const html = orderSummaryHtml(order);
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      '2 × Ebook &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Night &amp; Day&quot;',
    );
    expect(html).toContain('<strong>48.60 EUR</strong>');
    expect(html.match(/<tr>/g)).toHaveLength(5);
  });
});
