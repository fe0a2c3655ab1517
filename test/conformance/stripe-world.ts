import type Stripe from 'stripe';
import { eventOf } from '../triggers/stripe-hook-helpers';
import sessionFixture from '../fixtures/foundation/checkout_session.json';
import accountFixture from '../fixtures/foundation/account.json';
import chargeFixture from '../fixtures/refunds/charge.json';
import refundFixture from '../fixtures/refunds/refund.json';
import linkFixture from '../fixtures/links/payment_link.json';
import priceFixture from '../fixtures/links/price.json';
import customerFixture from '../fixtures/links/customer.json';
import invoiceFixture from '../fixtures/triggers/invoice_paid.json';
import disputeFixture from '../fixtures/refunds/dispute.json';
import subscriptionFixture from '../fixtures/links/subscription.json';
import portalConfigurationFixture from '../fixtures/links/portal_configuration.json';

/**
 * A Stripe account with a long history, built from the real payload shapes in test/fixtures
 * (typed against the SDK's own types): hundreds of sessions, events, refunds, links, customers
 * and prices, newest first, each object findable by id. Connected to itself: every object's ids
 * (session → intent → charge → balance transaction) resolve, so any expansion can be served.
 */
export type StripeObject = { id: string; object: string; created?: number } & Record<
  string,
  unknown
>;

export const SIZES = {
  sessions: 350,
  events: 140,
  links: 230,
  customers: 250,
  prices: 230,
  invoices: 30,
  subscriptions: 240,
  portalConfigurations: 120,
  connectedAccounts: 150,
};

/** The link most sessions come from (every other one), and what a metrics run asks about. */
export const MAIN_LINK = linkFixture.id;
export const PLATFORM_ACCOUNT = accountFixture.id;

const pad = (n: number) => String(n).padStart(4, '0');

// The fixtures are real payloads; JSON widens their enums to strings, so they are typed once here
// and every object below is checked against the SDK's type with `satisfies`.
const SESSION = sessionFixture as unknown as Stripe.Checkout.Session;
const SESSION_ITEMS = sessionFixture.line_items.data as unknown as (Stripe.LineItem & {
  price: Stripe.Price & { product: Stripe.Product };
})[];
const ACCOUNT = accountFixture as unknown as Stripe.Account;
const CHARGE = chargeFixture as unknown as Stripe.Charge;
const REFUND = refundFixture as unknown as Stripe.Refund;
const LINK = linkFixture as unknown as Stripe.PaymentLink;
const PRICE = priceFixture as unknown as Stripe.Price & { product: Stripe.Product };
const CUSTOMER = customerFixture as unknown as Stripe.Customer;
const INVOICE = invoiceFixture as unknown as Stripe.Invoice;
const DISPUTE = disputeFixture as unknown as Stripe.Dispute;
const SUBSCRIPTION = subscriptionFixture as unknown as Stripe.Subscription;
const PORTAL_CONFIGURATION =
  portalConfigurationFixture as unknown as Stripe.BillingPortal.Configuration;
/** The plans subscriptions are made of (products live in `products` and by id). */
const PLANS = [
  { product: 'prod_QxProPlan', name: 'Pro plan', amount: 2000, interval: 'month' as const },
  { product: 'prod_QxTeamPlan', name: 'Team plan', amount: 9000, interval: 'year' as const },
  { product: 'prod_QxPrintClub', name: 'Print club', amount: 1500, interval: 'month' as const },
];

export class StripeWorld {
  readonly now = Math.floor(Date.now() / 1000);
  /** Newest first, per list endpoint. */
  readonly sessions: StripeObject[] = [];
  readonly events: StripeObject[] = [];
  readonly refunds: StripeObject[] = [];
  readonly links: StripeObject[] = [];
  readonly customers: StripeObject[] = [];
  readonly prices: StripeObject[] = [];
  readonly invoices: StripeObject[] = [];
  readonly charges: StripeObject[] = [];
  readonly disputes: StripeObject[] = [];
  readonly endpoints: StripeObject[] = [];
  readonly products: StripeObject[] = [];
  readonly subscriptions: StripeObject[] = [];
  readonly portalConfigurations: StripeObject[] = [];
  /** The platform's connected accounts (`GET /v1/accounts`). */
  readonly connectedAccounts: StripeObject[] = [];
  /** Every object by id (intents, balance transactions and products only live here). */
  readonly byId = new Map<string, StripeObject>();
  readonly lineItems = new Map<string, StripeObject[]>();
  private counter = 0;

  constructor() {
    this.build();
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}_1Conf${pad(this.counter)}${Math.random().toString(36).slice(2, 8)}`;
  }

  add(list: StripeObject[] | null, object: StripeObject, front = false): StripeObject {
    this.byId.set(object.id, object);
    if (list) {
      if (front) list.unshift(object);
      else list.push(object);
    }
    return object;
  }

  account(id = PLATFORM_ACCOUNT): StripeObject {
    return { ...ACCOUNT, id } satisfies Stripe.Account as unknown as StripeObject;
  }

  private build(): void {
    const product = PRICE.product;
    this.add(null, product as unknown as StripeObject);
    for (let i = 0; i < SIZES.prices; i += 1) {
      const price = {
        ...PRICE,
        id: i === 0 ? PRICE.id : `price_1Conf${pad(i)}`,
        created: this.now - 600 - i * 7200,
        unit_amount: 2400 + i,
        unit_amount_decimal: String(2400 + i) as unknown as Stripe.Decimal,
        product: product.id,
        // Every tenth a subscription price, for the dropdown's "Billing Interval".
        ...(i % 10 === 9
          ? {
              type: 'recurring' as const,
              recurring: {
                interval: 'month' as const,
                interval_count: 1,
                meter: null,
                trial_period_days: null,
                usage_type: 'licensed' as const,
              },
            }
          : {}),
      } satisfies Stripe.Price;
      this.add(this.prices, price as unknown as StripeObject);
    }
    for (let i = 0; i < SIZES.links; i += 1) {
      const id = i === 0 ? MAIN_LINK : `plink_1Conf${pad(i)}`;
      const link = {
        ...LINK,
        id,
        active: i % 7 !== 3,
        url: i === 0 ? LINK.url : `https://buy.stripe.com/test_conf${pad(i)}`,
        metadata: { ...LINK.metadata },
      } satisfies Stripe.PaymentLink;
      this.add(this.links, link as unknown as StripeObject);
      this.lineItems.set(id, [this.lineItem(0)]);
    }
    for (let i = 0; i < SIZES.customers; i += 1) {
      const customer = {
        ...CUSTOMER,
        id: i === 0 ? CUSTOMER.id : `cus_Conf${pad(i)}`,
        email: i === 0 ? CUSTOMER.email : `buyer${i}@example.com`,
        name: i % 5 === 4 ? null : `Buyer ${i}`,
        created: this.now - 900 - i * 5000,
      } satisfies Stripe.Customer;
      this.add(this.customers, customer as unknown as StripeObject);
    }
    this.buildSubscriptions();
    this.buildPortalConfigurations();
    this.buildConnectedAccounts();
    for (let i = 0; i < SIZES.sessions; i += 1) this.buildSession(i);
    this.buildOddOrders();
    this.buildEvents();
    for (let i = 0; i < SIZES.invoices; i += 1) {
      const invoice = {
        ...INVOICE,
        id: `in_1Conf${pad(i)}`,
        number: `CONF-${pad(i)}`,
        created: this.now - 1200 - i * 86400,
      } satisfies Stripe.Invoice;
      this.add(this.invoices, invoice as unknown as StripeObject);
    }
  }

  /**
   * Subscriptions of three plans, some of two items: half belong to the first customer (more than
   * a list page), the rest spread over the next 40; some canceled, trialing or past due.
   */
  private buildSubscriptions(): void {
    const [template] = SUBSCRIPTION.items.data;
    PLANS.forEach((plan, n) => {
      const base = PRICE.product as Stripe.Product;
      const product = { ...base, id: plan.product, name: plan.name, shippable: false };
      this.add(this.products, {
        ...product,
        created: this.now - 90_000 - n,
      } satisfies Stripe.Product as unknown as StripeObject);
    });
    const item = (sub: string, plan: (typeof PLANS)[number], n: number, quantity: number) =>
      ({
        ...template,
        id: `si_Conf${sub.slice(-4)}${n}`,
        subscription: sub,
        quantity,
        price: {
          ...template.price,
          id: `price_1Conf${plan.product.slice(-4)}`,
          product: plan.product,
          unit_amount: plan.amount,
          unit_amount_decimal: String(plan.amount) as unknown as Stripe.Decimal,
          recurring: { ...template.price.recurring!, interval: plan.interval },
        },
        plan: { ...template.plan, product: plan.product, amount: plan.amount },
      }) satisfies Stripe.SubscriptionItem;
    // Each plan's price, readable by id (with its product expanded) as Stripe's is.
    for (const plan of PLANS) {
      const { price } = item('sub_plan', plan, 0, 1);
      this.add(null, price as unknown as StripeObject);
    }
    for (let i = 0; i < SIZES.subscriptions; i += 1) {
      const id = i === 0 ? SUBSCRIPTION.id : `sub_1Conf${pad(i)}`;
      const created = this.now - 1000 - i * 4000;
      const status =
        i % 9 === 4
          ? ('canceled' as const)
          : i % 11 === 5
            ? ('trialing' as const)
            : i % 13 === 6
              ? ('past_due' as const)
              : ('active' as const);
      const items = [item(id, PLANS[i % 3], 0, i % 4 === 1 ? 3 : 1)];
      if (i % 5 === 2) items.push(item(id, PLANS[(i + 1) % 3], 1, 1));
      const subscription = {
        ...SUBSCRIPTION,
        id,
        created,
        start_date: created,
        customer: String(this.customers[i % 2 === 0 ? 0 : (i % 40) + 1].id),
        status,
        canceled_at: status === 'canceled' ? created + 86400 : null,
        ended_at: status === 'canceled' ? created + 86400 : null,
        cancel_at: i % 17 === 3 ? this.now + 30 * 86400 : null,
        items: {
          ...SUBSCRIPTION.items,
          data: items,
          url: `/v1/subscription_items?subscription=${id}`,
        },
      } satisfies Stripe.Subscription;
      this.add(this.subscriptions, subscription as unknown as StripeObject);
    }
  }

  /** Not canceled: what Stripe lists when no `status` is given. */
  openSubscriptions(customer?: string): StripeObject[] {
    return this.subscriptions.filter(
      (s) => s.status !== 'canceled' && (customer === undefined || s.customer === customer),
    );
  }

  private buildPortalConfigurations(): void {
    for (let i = 0; i < SIZES.portalConfigurations; i += 1) {
      const configuration = {
        ...PORTAL_CONFIGURATION,
        id: i === 0 ? PORTAL_CONFIGURATION.id : `bpc_1Conf${pad(i)}`,
        created: this.now - 2000 - i * 3000,
        is_default: i === 0,
        active: i % 6 !== 5,
        name: i === 0 ? PORTAL_CONFIGURATION.name : i % 4 === 2 ? null : `Brand ${i} portal`,
      } satisfies Stripe.BillingPortal.Configuration;
      this.add(this.portalConfigurations, configuration as unknown as StripeObject);
    }
  }

  private buildConnectedAccounts(): void {
    for (let i = 0; i < SIZES.connectedAccounts; i += 1) {
      const account = {
        ...ACCOUNT,
        id: `acct_1ConfPartner${pad(i)}`,
        type: 'express' as const,
        created: this.now - 3000 - i * 6000,
        email: `partner${i}@example.com`,
        charges_enabled: i % 10 !== 7,
        business_profile: {
          ...ACCOUNT.business_profile!,
          name: i % 3 === 1 ? null : `Partner ${i}`,
        },
      } satisfies Stripe.Account;
      this.add(this.connectedAccounts, account as unknown as StripeObject);
    }
  }

  lineItem(n: number): StripeObject {
    const [first] = SESSION_ITEMS;
    const price = { ...first.price, product: first.price.product.id } satisfies Stripe.Price;
    this.byId.set(first.price.product.id, first.price.product as unknown as StripeObject);
    return {
      ...first,
      id: `li_1Conf${pad(n)}`,
      price,
    } satisfies Stripe.LineItem as unknown as StripeObject;
  }

  private buildSession(i: number): void {
    const id = `cs_test_conf${pad(i)}`;
    const created = this.now - 300 - i * 3600;
    const paid = i % 25 !== 7;
    const intent = paid ? `pi_3Conf${pad(i)}` : null;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { line_items: _items, ...base } = SESSION;
    const session = {
      ...base,
      id,
      created,
      expires_at: created + 86400,
      client_reference_id: `order-${pad(i)}`,
      payment_link: i % 2 === 0 ? MAIN_LINK : `plink_1Conf${pad((i % 40) + 1)}`,
      payment_intent: intent,
      status: paid ? ('complete' as const) : ('expired' as const),
      payment_status: paid ? ('paid' as const) : ('unpaid' as const),
      customer: paid ? CUSTOMER.id : null,
    } satisfies Stripe.Checkout.Session;
    this.add(this.sessions, session as unknown as StripeObject);
    this.lineItems.set(
      id,
      SESSION_ITEMS.map((item, n) => ({
        ...item,
        id: `li_1Conf${pad(i)}${n}`,
        price: { ...item.price, product: item.price.product.id },
      })) satisfies Stripe.LineItem[] as unknown as StripeObject[],
    );
    if (!intent) return;
    const chargeId = `ch_3Conf${pad(i)}`;
    const txn = {
      id: `txn_3Conf${pad(i)}`,
      object: 'balance_transaction' as const,
      amount: session.amount_total ?? 0,
      available_on: created + 2 * 86400,
      created,
      currency: 'usd',
      description: null,
      exchange_rate: null,
      fee: 171,
      fee_details: [],
      net: (session.amount_total ?? 0) - 171,
      reporting_category: 'charge',
      source: chargeId,
      status: 'available',
      type: 'charge' as const,
    } satisfies Partial<Stripe.BalanceTransaction>;
    this.add(null, txn);
    // Every third order was partly refunded: a refund history longer than one list page.
    const refunded = i % 3 === 0 ? 1500 : 0;
    const charge = {
      ...CHARGE,
      id: chargeId,
      created,
      customer: CUSTOMER.id,
      payment_intent: intent,
      balance_transaction: txn.id,
      amount_refunded: refunded,
      receipt_url: `https://pay.stripe.com/receipts/payment/Conf${pad(i)}`,
    } satisfies Stripe.Charge;
    this.add(this.charges, charge as unknown as StripeObject);
    const paymentIntent = {
      id: intent,
      object: 'payment_intent' as const,
      amount: session.amount_total ?? 0,
      amount_capturable: 0,
      amount_received: session.amount_total ?? 0,
      created,
      currency: 'usd',
      customer: CUSTOMER.id,
      latest_charge: chargeId,
      livemode: false,
      metadata: {},
      receipt_email: null,
      status: 'succeeded' as const,
    } satisfies Partial<Stripe.PaymentIntent>;
    this.add(null, paymentIntent);
    if (refunded) {
      const refund = {
        ...REFUND,
        id: `re_3Conf${pad(i)}`,
        amount: refunded,
        charge: chargeId,
        payment_intent: intent,
        created: created + 600,
      } satisfies Stripe.Refund;
      this.add(this.refunds, refund as unknown as StripeObject);
    }
  }

  /** Paid sessions of the ordinary kind, newest first (drives pick theirs from here). */
  paidSessions(): StripeObject[] {
    return this.sessions.filter((s) => s.status === 'complete' && s.payment_intent && !s.odd);
  }

  /**
   * Orders that take the app's rarer paths: a charge under an inquiry (its dispute is read), an
   * intent paid by two charges (its charges are listed), a basket of 12 items (more than an
   * expansion holds), a charge without an email (the customer is read for it).
   */
  readonly odd = { disputed: '', spread: '', basket: '', noEmail: '' };

  private buildOddOrders(): void {
    const [disputed, spread, basket, noEmail] = this.sessions
      .filter((s) => s.status === 'complete' && s.payment_intent)
      .slice(200, 204);
    for (const s of [disputed, spread, basket, noEmail]) s.odd = true;
    const chargeOf = (s: StripeObject) =>
      this.byId.get(String(this.byId.get(String(s.payment_intent))!.latest_charge))!;

    this.odd.disputed = disputed.id;
    const charge = chargeOf(disputed);
    charge.disputed = true;
    const dispute = {
      ...DISPUTE,
      id: `dp_1Conf${disputed.id.slice(-4)}`,
      charge: charge.id,
      payment_intent: String(disputed.payment_intent),
    } satisfies Stripe.Dispute;
    this.add(this.disputes, dispute as unknown as StripeObject);

    this.odd.spread = spread.id;
    const latest = chargeOf(spread);
    const first = {
      ...latest,
      id: `${latest.id}a`,
      created: Number(latest.created) - 60,
      amount: 2000,
      amount_captured: 2000,
      amount_refunded: 0,
      balance_transaction: null,
    };
    latest.amount = latest.amount_captured = Number(latest.amount) - 2000;
    latest.amount_refunded = 0;
    this.add(this.charges, first);

    this.odd.basket = basket.id;
    this.lineItems.set(
      basket.id,
      Array.from({ length: 12 }, (_, n) => this.lineItem(1000 + n)),
    );

    this.odd.noEmail = noEmail.id;
    const silent = chargeOf(noEmail);
    silent.billing_details = { ...(silent.billing_details as object), email: null };
    silent.receipt_email = null;
  }

  /** Stripe's events: a completion per paid session (newest), a few failed delayed payments. */
  private buildEvents(): void {
    const paid = this.sessions.filter((s) => s.status === 'complete');
    for (let i = 0; i < SIZES.events; i += 1) {
      const failed = i % 20 === 11;
      const session = paid[i];
      const object = failed
        ? { ...session, payment_status: 'unpaid', id: `${session.id}f` }
        : session;
      this.add(
        this.events,
        this.event(
          failed ? 'checkout.session.async_payment_failed' : 'checkout.session.completed',
          object,
          (session.created as number) + 5,
        ),
      );
    }
  }

  event(type: string, object: object, created = this.now, account?: string): StripeObject {
    const id = this.nextId('evt');
    return eventOf(type, object, id, {
      created,
      ...(account ? { account } : {}),
    }) as unknown as StripeObject;
  }
}
