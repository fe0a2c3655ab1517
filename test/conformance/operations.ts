import type Stripe from 'stripe';
import type { Bundle } from 'zapier-platform-core';
import { zapierError } from '../helpers';
import type { RunOptions, ZapierRuntime } from '../runtime';
import { deliveryBundle } from '../triggers/stripe-hook-helpers';
import disputeBalance from '../fixtures/triggers/dispute_balance_transactions.json';
import { ORDER_LOG_HEADER } from '../../lib/sheets/order-row';
import type { GoogleStandIn } from './google-standin';
import type { StripeStandIn } from './stripe-standin';
import { MAIN_LINK, type StripeObject } from './stripe-world';

/**
 * How the conformance test drives each registered operation: every method Zapier calls, with
 * only the required inputs and with every optional input set, on the connection it is given
 * (own account, or a Connect account). Each drive asserts its own outcome.
 */
export const SHEET_ID = '1ConformanceOrdersSheet0000AbCdEfGhIjKl';
export const FILES = 'https://files.example.com';

export interface Ctx {
  runtime: ZapierRuntime;
  stripe: StripeStandIn;
  google: GoogleStandIn;
  /** The connection's extra fields (`stripe_account` on the Connect pass). */
  connection: Record<string, string>;
  account: string | null;
  /** Which pass this is: drives pick different objects so passes do not collide. */
  pass: number;
  run<T = unknown>(
    method: string,
    inputData?: Record<string, unknown>,
    extra?: Partial<Bundle> & { options?: RunOptions },
  ): Promise<T>;
}

export interface Drive {
  /** Touches Stripe, so it runs on both connections (own account and Connect). */
  stripe: boolean;
  run(ctx: Ctx): Promise<void>;
}

type Row = Record<string, unknown>;

/** Runs `work`, expecting a Zapier error: returns it unpacked. */
async function fails(work: Promise<unknown>) {
  try {
    await work;
  } catch (err) {
    return zapierError(err);
  }
  throw new Error('expected the run to fail');
}

const paidSessions = (ctx: Ctx) => ctx.stripe.world.paidSessions();
const intentOf = (ctx: Ctx, session: string) =>
  String(ctx.stripe.world.byId.get(session)!.payment_intent);
/** A paid session no other drive or pass uses: `slot` picks which. */
const sessionFor = (ctx: Ctx, slot: number) => paidSessions(ctx)[40 + ctx.pass * 30 + slot];

/**
 * Dispute Opened's deliveries, in pairs: an inquiry opened, then the same dispute object escalated
 * to a chargeback (`charge.dispute.updated`, its inquiry status in `previous_attributes`).
 */
function disputeOpenedEvents() {
  let inquiry: StripeObject | null = null;
  return (ctx: Ctx) => {
    const w = ctx.stripe.world;
    if (!inquiry) {
      inquiry = { ...w.disputes[0], id: w.nextId('dp'), status: 'warning_needs_response' };
      return { type: 'charge.dispute.created', object: inquiry };
    }
    const chargeback = {
      ...inquiry,
      status: 'needs_response',
      is_charge_refundable: false,
      balance_transactions: [disputeBalance.withdrawal_usd],
    };
    inquiry = null;
    return {
      type: 'charge.dispute.updated',
      object: chargeback,
      previous: {
        status: 'warning_needs_response',
        is_charge_refundable: true,
        balance_transactions: [],
      },
    };
  };
}

function hookDrive(
  key: string,
  eventFor: (ctx: Ctx) => { type: string; object: StripeObject; previous?: object },
  optional: Record<string, unknown> = {},
): Drive {
  return {
    stripe: true,
    async run(ctx) {
      const zap = { id: `zap-${key}-${ctx.pass}` };
      const subscribe = (inputData: Record<string, unknown>) =>
        ctx.run<{ id: string; secret: string; connect?: boolean }>(
          `triggers.${key}.operation.performSubscribe`,
          inputData,
          {
            targetUrl: `https://hooks.zapier.com/hooks/standard/1/${zap.id}/`,
            meta: { zap } as Bundle['meta'],
          },
        );
      // Only the required inputs, then every optional one (a trigger without any: once).
      const inputs = Object.keys(optional).length ? [{}, optional] : [{}];
      for (const inputData of inputs) {
        const subscribeData = await subscribe(inputData);
        expect(subscribeData.secret).toMatch(/^whsec_/);
        expect(Boolean(subscribeData.connect)).toBe(ctx.account !== null);
        // A fresh delivery, then one run late (Stripe is asked for its copy of the event).
        for (const lateBySeconds of [0, 900]) {
          const { type, object, previous } = eventFor(ctx);
          const event = ctx.stripe.world.event(type, object, undefined, ctx.account ?? undefined);
          if (previous) event.data = { ...(event.data as object), previous_attributes: previous };
          ctx.stripe.world.add(ctx.stripe.world.events, event, true);
          const bundle = deliveryBundle(event, {
            subscribeData,
            authData: ctx.connection,
            inputData,
            zapId: zap.id,
            lateBySeconds,
          });
          const records = await ctx.run<Row[]>(`triggers.${key}.operation.perform`, undefined, {
            ...bundle,
            options: { lateBySeconds },
          });
          expect(records).toHaveLength(1);
          expect(records[0].id).toBe(String(object.id));
        }
        const listed = await ctx.run<Row[]>(`triggers.${key}.operation.performList`, inputData);
        expect(listed.length).toBeGreaterThan(0);
        const out = await ctx.run<{ deleted: boolean }>(
          `triggers.${key}.operation.performUnsubscribe`,
          inputData,
          { subscribeData: subscribeData as unknown as Bundle['subscribeData'] },
        );
        expect(out.deleted).toBe(true);
      }
    },
  };
}

/** Loads a dropdown page by page until an empty one, as "Load more" does: the ids it offered. */
async function loadDropdown(
  ctx: Ctx,
  key: string,
  inputData: Record<string, unknown> = {},
): Promise<Row[]> {
  const rows: Row[] = [];
  const storeKey = `${key}:${ctx.pass}:${JSON.stringify(inputData)}`;
  for (let page = 0; page < 20; page += 1) {
    const more = await ctx.run<Row[]>(`triggers.${key}.operation.perform`, inputData, {
      meta: { page } as Bundle['meta'],
      options: { storeKey },
    });
    if (more.length === 0) break;
    rows.push(...more);
  }
  return rows;
}

/** A paginated dropdown: pages until an empty one; every object of the list comes back once. */
function dropdownDrive(key: string, expected: (ctx: Ctx) => number): Drive {
  return {
    stripe: true,
    async run(ctx) {
      const ids = new Set((await loadDropdown(ctx, key)).map((row) => String(row.id)));
      expect(ids.size).toBe(expected(ctx));
    },
  };
}

const orderEvent = (failed: boolean) => (ctx: Ctx) => {
  const session = structuredClone(sessionFor(ctx, failed ? 10 : 0));
  // Each delivery is a new order, so the once-per-order rule lets both fire.
  session.id = ctx.stripe.world.nextId('cs_test');
  // From the link the filtered Zaps watch, so every Zap's delivery fires.
  session.payment_link = MAIN_LINK;
  if (failed) session.payment_status = 'unpaid';
  ctx.stripe.world.add(null, session);
  ctx.stripe.world.lineItems.set(session.id, [ctx.stripe.world.lineItem(1)]);
  return {
    type: failed ? 'checkout.session.async_payment_failed' : 'checkout.session.completed',
    object: session,
  };
};

/** A Payment Link checkout that expired: a new session each delivery, from the watched link. */
const expiredEvent = (ctx: Ctx) => {
  const expired = ctx.stripe.world.sessions.filter((s) => s.status === 'expired');
  const session = structuredClone(expired[ctx.pass % expired.length]);
  session.id = ctx.stripe.world.nextId('cs_test');
  session.payment_link = MAIN_LINK;
  session.consent = { promotions: 'opt_in', terms_of_service: null };
  ctx.stripe.world.add(null, session);
  ctx.stripe.world.lineItems.set(session.id, [ctx.stripe.world.lineItem(2)]);
  return { type: 'checkout.session.expired', object: session };
};

const sheet = { spreadsheet: `https://docs.google.com/spreadsheets/d/${SHEET_ID}/edit` };

export const DRIVES: Record<string, Drive> = {
  authentication: {
    stripe: true,
    async run(ctx) {
      const check = await ctx.run<Row>('authentication.test');
      expect(check.stripe_account_id).toBe(ctx.account ?? 'acct_1Nv0FGQ9RKHgCVdK');
      // A connection made before scopes were kept: the granted scopes are asked from Google.
      await ctx.run('authentication.test', {}, { authData: { ...ctx.connection, scope: '' } });
      const token = await ctx.run<Row>('authentication.oauth2Config.getAccessToken', {
        code: '4/0conformance',
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App1CLIAPI/',
        stripe_secret_key: 'sk_test_51NfakeKeyForTestsOnly0000000000000000000000',
        ...ctx.connection,
      });
      expect(token.refresh_token).toBe('1//conformance-refresh');
      const refreshed = await ctx.run<Row>('authentication.oauth2Config.refreshAccessToken');
      expect(refreshed.access_token).toMatch(/^ya29\./);
    },
  },

  'triggers.checkout_session_completed': hookDrive(
    'checkout_session_completed',
    orderEvent(false),
    {
      payment_links: [MAIN_LINK, 'plink_1Conf0003'],
    },
  ),
  'triggers.checkout_payment_failed': hookDrive('checkout_payment_failed', orderEvent(true), {
    payment_links: [MAIN_LINK],
  }),
  'triggers.checkout_session_expired': hookDrive('checkout_session_expired', expiredEvent, {
    payment_links: [MAIN_LINK],
  }),
  'triggers.refund_updated': hookDrive('refund_updated', (ctx) => ({
    type: 'refund.updated',
    object: {
      ...ctx.stripe.world.refunds[5 + ctx.pass],
      status: 'succeeded',
      id: ctx.stripe.world.nextId('re'),
    },
  })),
  'triggers.invoice_paid': hookDrive('invoice_paid', (ctx) => ({
    type: 'invoice.paid',
    object: { ...ctx.stripe.world.invoices[0], id: ctx.stripe.world.nextId('in') },
  })),
  'triggers.dispute_created': hookDrive('dispute_created', disputeOpenedEvents()),
  'triggers.dispute_closed': hookDrive('dispute_closed', (ctx) => {
    const w = ctx.stripe.world;
    const won = {
      ...w.disputes[0],
      id: w.nextId('dp'),
      status: 'won',
      charge: w.nextId('ch'),
      // Withdrawn with the dispute fee, reinstated with the fee returned (Stripe's own shapes).
      balance_transactions: [
        disputeBalance.withdrawal_usd,
        disputeBalance.reversal_usd_fee_returned,
      ],
    };
    // Closed disputes the sample lists (on a charge of their own: refunds never meet them).
    w.add(w.disputes, won);
    return { type: 'charge.dispute.closed', object: won };
  }),
  'triggers.invoice_payment_failed': hookDrive('invoice_payment_failed', (ctx) => {
    const w = ctx.stripe.world;
    const subscription = w.openSubscriptions()[3 + ctx.pass];
    const [invoice] = w.invoices as unknown as Stripe.Invoice[];
    const [line] = invoice.lines.data;
    const price = (subscription as unknown as Stripe.Subscription).items.data[0].price;
    const failed = {
      ...invoice,
      id: w.nextId('in'),
      status: 'open' as const,
      amount_paid: 0,
      attempt_count: 1,
      next_payment_attempt: w.now + 3 * 86400,
      customer: String(subscription.customer),
      parent: {
        ...invoice.parent!,
        subscription_details: { metadata: {}, subscription: subscription.id },
      },
      lines: {
        ...invoice.lines,
        data: [
          {
            ...line,
            pricing: {
              ...line.pricing!,
              price_details: { price: price.id, product: String(price.product) },
            },
          },
        ],
      },
    } satisfies Stripe.Invoice;
    // Failed subscription invoices the sample lists.
    w.add(w.invoices, failed as unknown as StripeObject, true);
    return { type: 'invoice.payment_failed', object: failed as unknown as StripeObject };
  }),
  'triggers.subscription_canceled': hookDrive('subscription_canceled', (ctx) => {
    const w = ctx.stripe.world;
    const ended = w.subscriptions.find((x) => x.status === 'canceled')!;
    return { type: 'customer.subscription.deleted', object: { ...ended, id: w.nextId('sub') } };
  }),
  'triggers.checkout_session_completed_polling': {
    stripe: true,
    async run(ctx) {
      for (const inputData of [{}, { payment_links: [MAIN_LINK] }]) {
        const orders = await ctx.run<Row[]>(
          'triggers.checkout_session_completed_polling.operation.perform',
          inputData,
        );
        expect(orders.length).toBeGreaterThan(0);
        expect(orders.every((o) => o.line_items_status === 'complete')).toBe(true);
      }
    },
  },
  'triggers.checkout_session_list': dropdownDrive(
    'checkout_session_list',
    (ctx) => ctx.stripe.world.sessions.filter((s) => s.status === 'complete').length,
  ),
  'triggers.customer_list': dropdownDrive(
    'customer_list',
    (ctx) => ctx.stripe.world.customers.length,
  ),
  'triggers.payment_link_list': dropdownDrive(
    'payment_link_list',
    (ctx) => ctx.stripe.world.links.length,
  ),
  'triggers.price_list': dropdownDrive(
    'price_list',
    (ctx) => ctx.stripe.world.prices.filter((p) => p.active).length,
  ),
  'triggers.subscription_list': {
    stripe: true,
    async run(ctx) {
      const w = ctx.stripe.world;
      const ids = async (inputData: Record<string, unknown>) =>
        (await loadDropdown(ctx, 'subscription_list', inputData)).map((row) => row.id);
      // Nothing chosen yet: every customer's open subscriptions, each label naming the customer.
      const all = await loadDropdown(ctx, 'subscription_list');
      expect(all.map((row) => row.id)).toEqual(w.openSubscriptions().map((x) => x.id));
      expect(all[0].name).toMatch(/ · ana@example\.com · sub_/);
      // The first customer has more than a page of them; another is chosen by email.
      const [first, other] = [w.customers[0], w.customers[4]];
      expect(await ids({ customer: first.id })).toEqual(
        w.openSubscriptions(first.id).map((x) => x.id),
      );
      expect(w.openSubscriptions(other.id).length).toBeGreaterThan(0);
      expect(await ids({ customer: String(other.email).toUpperCase() })).toEqual(
        w.openSubscriptions(other.id).map((x) => x.id),
      );
      expect(await ids({ customer: 'nobody@example.com' })).toEqual([]);
    },
  },
  'triggers.portal_configuration_list': dropdownDrive(
    'portal_configuration_list',
    (ctx) => ctx.stripe.world.portalConfigurations.filter((c) => c.active).length,
  ),
  'triggers.connected_account_list': dropdownDrive(
    'connected_account_list',
    (ctx) => ctx.stripe.world.connectedAccounts.length,
  ),
  'triggers.worksheet_list': {
    stripe: false,
    async run(ctx) {
      const tabs = await ctx.run<Row[]>('triggers.worksheet_list.operation.perform', sheet);
      expect(tabs.map((t) => t.id)).toEqual(['Orders', 'Custom', 'Empty']);
    },
  },

  'creates.append_sheet_row': {
    stripe: false,
    async run(ctx) {
      const where = { ...sheet, worksheet: 'Custom' };
      const fields = await ctx.run<Row[]>('creates.append_sheet_row.operation.inputFields', where);
      expect(fields.map((f) => f.key)).toEqual(
        expect.arrayContaining(['dedupe_column', 'COL$A', 'COL$B', 'COL$C']),
      );
      const row = { COL$A: 'ana@example.com', COL$B: '48.60', COL$C: `cs_test_row${ctx.pass}` };
      const plain = await ctx.run<Row>('creates.append_sheet_row.operation.perform', {
        ...where,
        ...row,
      });
      expect(plain.row_number).toBeGreaterThan(1);
      const guarded = await ctx.run<Row>('creates.append_sheet_row.operation.perform', {
        ...where,
        ...row,
        dedupe_column: 'Session ID',
      });
      expect(guarded.skipped_duplicate).toBe(true);
    },
  },
  'creates.log_checkout_to_sheet': {
    stripe: true,
    async run(ctx) {
      const session = sessionFor(ctx, 1);
      const runs = [
        { worksheet: 'Orders', session: session.id },
        // A basket of 12: more items than the retrieve's expansion holds, so they are listed.
        { worksheet: ctx.pass === 0 ? 'Empty' : 'Orders', session: ctx.stripe.world.odd.basket },
      ];
      for (const { worksheet, session: id } of runs) {
        const out = await ctx.run<Row>('creates.log_checkout_to_sheet.operation.perform', {
          ...sheet,
          worksheet,
          checkout_session: id,
        });
        expect(out.spreadsheet_id).toBe(SHEET_ID);
      }
    },
  },
  'creates.update_order_row': {
    stripe: false,
    async run(ctx) {
      const logged = ctx.google.spreadsheets.get(SHEET_ID)!.tabs[0].rows[1];
      const sessionColumn = ORDER_LOG_HEADER.indexOf('Session ID');
      const minimal = await ctx.run<Row>('creates.update_order_row.operation.perform', {
        ...sheet,
        worksheet: 'Orders',
        checkout_session: logged[sessionColumn],
        refund_status: 'pending',
      });
      expect(minimal.found).toBe(true);
      const full = await ctx.run<Row>('creates.update_order_row.operation.perform', {
        ...sheet,
        worksheet: 'Orders',
        lookup_column: 'Client Reference ID',
        lookup_value: logged[ORDER_LOG_HEADER.indexOf('Client Reference ID')],
        refund_status: 'succeeded',
        refund_amount: '12.50',
        fulfillment_status: 'shipped',
        notes: 'Sent by courier',
        if_not_found: 'continue',
      });
      expect(full.updated_columns).toHaveLength(4);
    },
  },
  'creates.reconcile_orders_with_sheet': {
    stripe: true,
    async run(ctx) {
      const reconcile = (inputData: Row) =>
        ctx.run<Row>('creates.reconcile_orders_with_sheet.operation.perform', {
          ...sheet,
          worksheet: 'Orders',
          ...inputData,
        });
      // Required inputs only: the last 7 days of every link, reported.
      const minimal = await reconcile({});
      expect(minimal.sessions_paid).toBeGreaterThan(100);
      expect(minimal.appended).toBe(0);
      // Every input: two days of one link (by URL), the missing ones logged; then nothing is missing.
      const now = ctx.stripe.world.now;
      const full = {
        created_after: new Date((now - 2 * 86400) * 1000).toISOString(),
        created_before: new Date(now * 1000).toISOString(),
        payment_link: 'https://buy.stripe.com/test_9AQ5kQ',
        append_missing: 'yes',
      };
      const first = await reconcile(full);
      expect(first.payment_link).toBe(MAIN_LINK);
      expect(first.appended).toBe(first.missing);
      expect(await reconcile(full)).toMatchObject({ missing: 0, appended: 0 });
    },
  },
  'creates.create_order_log_spreadsheet': {
    stripe: false,
    async run(ctx) {
      const minimal = await ctx.run<Row>('creates.create_order_log_spreadsheet.operation.perform', {
        title: 'Orders 2026',
      });
      expect(minimal.worksheet).toBe('Orders');
      const full = await ctx.run<Row>('creates.create_order_log_spreadsheet.operation.perform', {
        title: 'Orders 2027',
        worksheet: 'Sales',
      });
      expect(full.worksheet).toBe('Sales');
    },
  },
  'creates.send_fulfillment_email': {
    stripe: true,
    async run(ctx) {
      const minimal = await ctx.run<Row>('creates.send_fulfillment_email.operation.perform', {
        to: 'ana@example.com',
        subject: 'Your order',
        body_text: 'Thank you! Your download: https://shop.example.com/d/42',
      });
      expect(minimal.sent_with).toBe('raw');
      const full = await ctx.run<Row>('creates.send_fulfillment_email.operation.perform', {
        to: 'ana@example.com',
        to_name: 'Ana Lima',
        subject: 'Your order',
        body_text: 'Thank you!',
        body_html: '<p>Thank you!</p>',
        checkout_session: sessionFor(ctx, 2).id,
        attachments: [`${FILES}/license.txt`, `${FILES}/artwork.bin`],
        from_name: 'Lumen Prints',
        reply_to: 'help@lumenprints.example',
        cc: ['orders@lumenprints.example'],
        bcc: ['archive@lumenprints.example'],
        dedupe_key: `order-${ctx.pass}`,
        dedupe_scope: 'key',
      });
      expect(full).toMatchObject({ sent_with: 'upload', attachments_count: 2 });
    },
  },
  'creates.create_refund': {
    stripe: true,
    async run(ctx) {
      const minimal = await ctx.run<Row>('creates.create_refund.operation.perform', {
        payment: sessionFor(ctx, 3).id,
      });
      expect(minimal.full_refund).toBe(true);
      const full = await ctx.run<Row>('creates.create_refund.operation.perform', {
        payment: sessionFor(ctx, 4).payment_intent,
        amount: '5.00',
        reason: 'requested_by_customer',
        note: 'Frame arrived cracked',
        metadata: { ticket: 'T-1042' },
        reverse_transfer: 'false',
        refund_application_fee: 'false',
        instructions_email: 'ana@example.com',
        idempotency_key: `conformance-${ctx.pass}`,
      });
      expect(full.amount).toBe(500);
      const byCharge = await ctx.run<Row>('creates.create_refund.operation.perform', {
        payment: ctx.stripe.world.byId.get(String(sessionFor(ctx, 5).payment_intent))!
          .latest_charge,
        amount: '1.00',
      });
      expect(byCharge.amount).toBe(100);
      const { disputed, spread } = ctx.stripe.world.odd;
      // An inquiry still allows a refund (its dispute is read); an intent paid by two charges is
      // refunded across them (its charges are listed).
      const odd = await ctx.run<Row>('creates.create_refund.operation.perform', {
        payment: ctx.pass === 0 ? disputed : intentOf(ctx, spread),
        amount: '1.00',
      });
      expect(odd.amount).toBe(100);
      // The same request with other details: the refund made the first time is found by its
      // marker on the payment, named, and nothing is sent (Stripe would refuse the key anyway).
      const conflict = await fails(
        ctx.run('creates.create_refund.operation.perform', {
          payment: sessionFor(ctx, 4).payment_intent,
          amount: '5.00',
          reason: 'requested_by_customer',
          note: 'Another note',
          idempotency_key: `conformance-${ctx.pass}`,
        }),
      );
      expect(conflict.message).toMatch(/already made: re_/);
      // Deliberately bad: an expired session has no payment, and the step says so.
      const expired = ctx.stripe.world.sessions.find((s) => s.status === 'expired')!;
      const err = await fails(
        ctx.run('creates.create_refund.operation.perform', { payment: expired.id }),
      );
      expect(err.message).toMatch(/cannot be refunded/);
    },
  },
  'creates.bulk_refund': {
    stripe: true,
    async run(ctx) {
      const [a, b, c] = [6, 7, 8].map((slot) => sessionFor(ctx, slot));
      const charge = ctx.stripe.world.byId.get(String(c.payment_intent))!.latest_charge;
      const minimal = await ctx.run<Row>('creates.bulk_refund.operation.perform', {
        payments: [a.id, b.payment_intent, charge],
      });
      expect(minimal.summary).toMatch(/^3 refunded/);
      const full = await ctx.run<Row>('creates.bulk_refund.operation.perform', {
        payments: [sessionFor(ctx, 9).id, a.id],
        reason: 'fraudulent',
        confirm_fraudulent: 'true',
        on_failure: 'continue',
        reverse_transfer: 'false',
        refund_application_fee: 'false',
      });
      expect(full.summary).toMatch(/^1 refunded, 1 already refunded/);
    },
  },
  'creates.create_payment_link': {
    stripe: true,
    async run(ctx) {
      const prices = ctx.stripe.world.prices;
      const minimal = await ctx.run<Row>('creates.create_payment_link.operation.perform', {
        line_items: [{ price: prices[0].id }],
      });
      expect(minimal.url).toMatch(/^https:\/\/buy\.stripe\.com\//);
      const connectInputs = ctx.account
        ? { application_fee_amount: '2.50' }
        : {
            on_behalf_of: 'acct_1OnBehalf0001',
            transfer_destination: 'acct_1Dest0001',
            transfer_amount: '20.00',
          };
      const full = await ctx.run<Row>('creates.create_payment_link.operation.perform', {
        line_items: [
          {
            price: prices[0].id,
            quantity: '2',
            adjustable_quantity: 'true',
            adjustable_quantity_minimum: '1',
            adjustable_quantity_maximum: '5',
          },
          { price: prices[1].id, quantity: '1' },
        ],
        after_completion: 'redirect',
        redirect_url: 'https://shop.example.com/thanks',
        add_session_id: 'true',
        allow_promotion_codes: 'true',
        invoice_creation: 'true',
        customer_creation: 'always',
        phone_number_collection: 'true',
        billing_address_collection: 'required',
        metadata: { campaign: 'spring-sale' },
        max_completed_sessions: '50',
        shipping_countries: ['US', 'GB'],
        automatic_tax: 'true',
        tax_id_collection: 'true',
        custom_fields: [{ label: 'Engraving text', type: 'text', optional: 'true' }],
        submit_type: 'pay',
        inactive_message: 'Sold out.',
        require_terms_consent: 'true',
        ...connectInputs,
        idempotency_key: `link-${ctx.pass}`,
      });
      expect(full.after_completion).toBe('redirect');
    },
  },
  'creates.build_tracked_link': {
    stripe: true,
    async run(ctx) {
      const minimal = await ctx.run<Row>('creates.build_tracked_link.operation.perform', {
        payment_link: MAIN_LINK,
      });
      expect(minimal.url).toBe('https://buy.stripe.com/test_9AQ5kQ');
      // By URL, a link far down the list: the active links are paged through to find it.
      const deep = ctx.stripe.world.links.filter((l) => l.active)[180 + ctx.pass];
      const full = await ctx.run<Row>('creates.build_tracked_link.operation.perform', {
        payment_link: deep.url,
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring-sale',
        utm_term: 'prints',
        utm_content: 'hero',
        client_reference_id: 'order-1042',
        prefilled_email: 'ana@example.com',
        prefilled_promo_code: 'SPRING',
        locale: 'fr',
      });
      expect(full.payment_link).toBe(deep.id);
    },
  },
  'creates.create_portal_session': {
    stripe: true,
    async run(ctx) {
      const minimal = await ctx.run<Row>('creates.create_portal_session.operation.perform', {
        customer: ctx.stripe.world.customers[0].id,
      });
      expect(minimal.url).toMatch(/^https:\/\/billing\.stripe\.com\//);
      // The subscription and configuration as the step's dropdowns offer them.
      const form = { customer: ctx.stripe.world.customers[4].email };
      const [subscription] = await loadDropdown(ctx, 'subscription_list', form);
      const configurations = await loadDropdown(ctx, 'portal_configuration_list', form);
      const full = await ctx.run<Row>('creates.create_portal_session.operation.perform', {
        ...form,
        return_url: 'https://shop.example.com/account',
        flow: 'subscription_cancel',
        subscription: subscription.id,
        configuration: configurations[1 + ctx.pass].id,
      });
      expect(full.customer).toBe(ctx.stripe.world.customers[4].id);
    },
  },
  'creates.update_payment_link': {
    stripe: true,
    async run(ctx) {
      const link = ctx.stripe.world.links[1 + ctx.pass];
      const minimal = await ctx.run<Row>('creates.update_payment_link.operation.perform', {
        payment_link: link.id,
        active: 'false',
      });
      expect(minimal.active).toBe(false);
      const full = await ctx.run<Row>('creates.update_payment_link.operation.perform', {
        payment_link: link.url,
        active: 'true',
        after_completion: 'redirect',
        redirect_url: 'https://shop.example.com/thanks',
        add_session_id: 'true',
        metadata: { season: 'autumn' },
        inactive_message: 'Back soon.',
      });
      expect(full).toMatchObject({ active: true, inactive_message: 'Back soon.' });
    },
  },
  'creates.send_stripe_receipt': {
    stripe: true,
    async run(ctx) {
      const minimal = await ctx.run<Row>('creates.send_stripe_receipt.operation.perform', {
        payment: sessionFor(ctx, 11).id,
      });
      expect(minimal.receipt_url).toMatch(/^https:\/\/pay\.stripe\.com\//);
      const charge = ctx.stripe.world.byId.get(
        String(sessionFor(ctx, 12).payment_intent),
      )!.latest_charge;
      const full = await ctx.run<Row>('creates.send_stripe_receipt.operation.perform', {
        payment: charge,
        email: 'accounts@example.com',
      });
      expect(full.email).toBe('accounts@example.com');
      // A payment without an email of its own: the customer's address is read.
      const fromCustomer = await ctx.run<Row>('creates.send_stripe_receipt.operation.perform', {
        payment: ctx.stripe.world.odd.noEmail,
      });
      expect(fromCustomer.email).toBe('ana@example.com');
    },
  },

  'searches.find_checkout_session': {
    stripe: true,
    async run(ctx) {
      const oldest = ctx.stripe.world.sessions[ctx.stripe.world.sessions.length - 2 - ctx.pass];
      const minimal = await ctx.run<Row[]>('searches.find_checkout_session.operation.perform', {
        client_reference_id: oldest.client_reference_id,
      });
      expect(minimal.map((o) => o.id)).toEqual([oldest.id]);
      const recent = ctx.stripe.world.sessions[120];
      const full = await ctx.run<Row[]>('searches.find_checkout_session.operation.perform', {
        client_reference_id: recent.client_reference_id,
        customer_email: (recent.customer_details as { email: string }).email,
        payment_link: MAIN_LINK,
        status: 'any',
        created_after: new Date((ctx.stripe.world.now - 10 * 86400) * 1000).toISOString(),
      });
      expect(full.map((o) => o.id)).toEqual([recent.id]);
    },
  },
  'searches.find_customer': {
    stripe: true,
    async run(ctx) {
      const run = (query: string) =>
        ctx.run<Row[]>('searches.find_customer.operation.perform', { query });
      const [first] = ctx.stripe.world.customers;
      const [byEmail] = await run(first.email as string);
      expect(byEmail).toMatchObject({
        id: first.id,
        latest_order_payment_link: expect.any(String),
      });
      const named = ctx.stripe.world.customers[7 + ctx.pass];
      expect((await run(String(named.name).toUpperCase())).map((c) => c.id)).toEqual([named.id]);
      const [byId] = await run(named.id);
      expect(byId).toMatchObject({ id: named.id, latest_order_session: null });
      expect(await run('nobody@example.com')).toEqual([]);
    },
  },
  'searches.find_payment_link': {
    stripe: true,
    async run(ctx) {
      const run = (query: string) =>
        ctx.run<Row[]>('searches.find_payment_link.operation.perform', { query });
      const [byId] = await run(MAIN_LINK);
      expect(byId).toMatchObject({ id: MAIN_LINK, matched_by: 'id', products: expect.any(String) });
      const inactive = ctx.stripe.world.links.filter((l) => !l.active)[10 + ctx.pass];
      const [byUrl] = await run(String(inactive.url));
      expect(byUrl).toMatchObject({ id: inactive.id, active: false, matched_by: 'url' });
      const tagged = ctx.stripe.world.links[60 + ctx.pass];
      tagged.metadata = { campaign: `autumn-${ctx.pass}` };
      expect(await run(`Autumn-${ctx.pass}`)).toEqual([
        expect.objectContaining({ id: tagged.id, matched_by: 'metadata', links_matched: 1 }),
      ]);
      const byProduct = await run(String(byId.products).slice(0, 8));
      expect(byProduct[0]).toMatchObject({ active: true, matched_by: 'product' });
      expect(await run('plink_1NoSuchLink')).toEqual([]);
    },
  },
  'searches.payment_link_metrics': {
    stripe: true,
    async run(ctx) {
      const [minimal] = await ctx.run<Row[]>('searches.payment_link_metrics.operation.perform', {
        payment_link: MAIN_LINK,
      });
      expect(minimal.sales).toBeGreaterThan(100);
      const now = ctx.stripe.world.now;
      const [full] = await ctx.run<Row[]>('searches.payment_link_metrics.operation.perform', {
        payment_link: 'https://buy.stripe.com/test_9AQ5kQ',
        created_after: new Date((now - 5 * 86400) * 1000).toISOString(),
        created_before: new Date(now * 1000).toISOString(),
      });
      expect(full.sessions_opened).toBeGreaterThan(0);
    },
  },
};

/** Every operation the app registers, as DRIVES keys. */
export function registeredOperations(app: {
  triggers?: object;
  creates?: object;
  searches?: object;
  authentication?: { test?: unknown };
}): string[] {
  return [
    ...(app.authentication?.test ? ['authentication'] : []),
    ...(['triggers', 'creates', 'searches'] as const).flatMap((kind) =>
      Object.keys(app[kind] ?? {}).map((key) => `${kind}.${key}`),
    ),
  ];
}
