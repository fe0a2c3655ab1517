import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { STRIPE_API } from '../helpers';
import portalFixture from '../fixtures/links/portal_session.json';
import linkFixture from '../fixtures/links/payment_link.json';
import refundFixture from '../fixtures/refunds/refund.json';
import { list, num, parseForm, text, type Form, type FormValue } from './form';
import { StripeWorld, type StripeObject } from './stripe-world';

/**
 * A small stateful Stripe over nock: list endpoints page like Stripe's (newest first, `limit`,
 * `starting_after`, `ending_before`, `created[gte|gt|lte|lt]`, the endpoint's own filters,
 * `has_more`, `url`), retrieves expand what they are asked to, creates and updates change the
 * world. What it does not know it answers as Stripe does an unknown URL, and notes it in
 * `unhandled` so the test fails on a gap in the stand-in rather than on the app.
 */
export interface StripeCall {
  method: string;
  path: string;
  account: string | undefined;
  idempotencyKey: string | undefined;
  /** The query (GET, DELETE) or form body (POST) as sent. */
  params: string;
}

/** How long Stripe keeps an idempotency key (docs "Idempotent requests"). */
export const IDEMPOTENCY_KEY_LIFE_SECONDS = 24 * 60 * 60;

type Reply = [number, unknown, Record<string, string>?];
type Query = Form;

const error = (status: number, code: string, message: string, param?: string): Reply => [
  status,
  { error: { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) } },
];

const missing = (id: string, what: string) =>
  error(404, 'resource_missing', `No such ${what}: '${id}'`, 'id');

function createdMatches(created: number, filter: FormValue | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return created === Number(filter);
  if (Array.isArray(filter)) return true;
  const bound = (key: string) => (typeof filter[key] === 'string' ? Number(filter[key]) : null);
  const [gte, gt, lte, lt] = ['gte', 'gt', 'lte', 'lt'].map(bound);
  return (
    (gte === null || created >= gte) &&
    (gt === null || created > gt) &&
    (lte === null || created <= lte) &&
    (lt === null || created < lt)
  );
}

/** One list page as Stripe answers it (items given newest first). */
export function listPage(
  items: StripeObject[],
  query: Query,
  url: string,
  filter: (item: StripeObject) => boolean = () => true,
): Reply {
  const limit = num(query, 'limit') ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return error(400, 'parameter_invalid_integer', 'Invalid integer: limit', 'limit');
  let matching = items.filter(
    (item) => createdMatches(item.created ?? 0, query.created) && filter(item),
  );
  const after = text(query, 'starting_after');
  const before = text(query, 'ending_before');
  if (after) {
    const at = matching.findIndex((item) => item.id === after);
    if (at < 0) return missing(after, 'object');
    matching = matching.slice(at + 1);
  } else if (before) {
    const at = matching.findIndex((item) => item.id === before);
    if (at < 0) return missing(before, 'object');
    matching = matching.slice(Math.max(0, at - limit), at);
    return [200, { object: 'list', data: matching, has_more: at - limit > 0, url }];
  }
  return [
    200,
    { object: 'list', data: matching.slice(0, limit), has_more: matching.length > limit, url },
  ];
}

export class StripeStandIn {
  readonly calls: StripeCall[] = [];
  /** Requests the stand-in had no answer for: each is a gap to fill, never the app's fault. */
  readonly unhandled: string[] = [];
  private idempotent = new Map<string, { params: string; reply: Reply; at: number }>();
  /** Stripe's clock in seconds, for how long idempotency keys are kept; tests move it. */
  clock: number;
  /** Requests (`METHOD path`) whose connection drops after Stripe has acted on them, once each. */
  private drops: string[] = [];

  constructor(readonly world: StripeWorld = new StripeWorld()) {
    this.clock = world.now;
  }

  advance(seconds: number): void {
    this.clock += seconds;
  }

  /** The next `method path` is carried out, then its connection drops before the answer arrives. */
  dropAfterAnswering(method: string, path: string): void {
    this.drops.push(`${method} ${path}`);
  }

  /** Persistent nock interceptors for every method; `onRequest` sees each matched request. */
  install(onRequest: (method: string, path: string) => void): nock.Scope {
    const scope = nock(STRIPE_API).persist();
    const answer = this.answer.bind(this);
    for (const method of ['GET', 'POST', 'DELETE']) {
      const drops = this.drops;
      scope
        .intercept(() => true, method)
        .reply(function (uri, body, callback) {
          const headers = this.req.headers;
          const header = (name: string) => {
            const value = headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          };
          onRequest(method, uri);
          const [status, out, extra] = answer(
            method,
            uri,
            typeof body === 'string' ? body : '',
            header('stripe-account'),
            header('idempotency-key'),
          );
          const drop = drops.indexOf(`${method} ${uri.split('?')[0]}`);
          if (drop >= 0) {
            drops.splice(drop, 1);
            callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
            return;
          }
          callback(null, [
            status,
            out as nock.Body,
            { 'Content-Type': 'application/json', ...extra },
          ]);
        });
    }
    return scope;
  }

  answer(
    method: string,
    uri: string,
    body: string,
    account: string | undefined,
    idempotencyKey: string | undefined,
  ): Reply {
    const [path, search = ''] = uri.split('?');
    const params = method === 'GET' || method === 'DELETE' ? search : body;
    this.calls.push({ method, path, account, idempotencyKey, params });
    const form = parseForm(params);
    if (method === 'POST' && idempotencyKey) {
      const kept = this.idempotent.get(idempotencyKey);
      // Stripe keeps idempotency keys 24 hours; after that the same key makes a new object.
      const first = kept && this.clock - kept.at < IDEMPOTENCY_KEY_LIFE_SECONDS ? kept : undefined;
      if (first && first.params !== `${path}?${params}`)
        return [
          400,
          {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          },
        ];
      if (first) return [first.reply[0], first.reply[1], { 'Idempotent-Replayed': 'true' }];
    }
    const reply = this.route(method, path, form, account);
    if (!reply) {
      this.unhandled.push(`${method} ${uri}`);
      return error(404, 'resource_missing', `Unrecognized request URL (${method}: ${path}).`);
    }
    if (method === 'POST' && idempotencyKey && reply[0] < 500)
      this.idempotent.set(idempotencyKey, { params: `${path}?${params}`, reply, at: this.clock });
    return reply;
  }

  private route(
    method: string,
    path: string,
    form: Form,
    account: string | undefined,
  ): Reply | null {
    const w = this.world;
    const parts = path.split('/').slice(2);
    const [a, b, c, d] = parts;
    const get = (id: string, what: string): Reply => {
      const found = w.byId.get(id);
      return found ? [200, this.expand(found, expands(form))] : missing(id, what);
    };
    const page = (items: StripeObject[], filter?: (item: StripeObject) => boolean): Reply => {
      const [status, out] = listPage(items, form, path, filter);
      return status === 200
        ? [status, this.expand(out as StripeObject, expands(form))]
        : [status, out];
    };
    const is = (key: string, value: unknown) => {
      const wanted = text(form, key);
      return wanted === undefined || value === wanted || String(value) === wanted;
    };
    if (method === 'GET') {
      if (a === 'account' && !b) return [200, w.account()];
      if (a === 'accounts' && b) return [200, w.account(b)];
      if (a === 'accounts') {
        // A connected account is no platform: only the platform lists its accounts.
        if (account)
          return error(
            403,
            'platform_account_required',
            'Only Stripe Connect platforms can work with other accounts.',
          );
        return page(w.connectedAccounts);
      }
      if (a === 'subscriptions' && !b)
        return page(
          w.subscriptions,
          (x) =>
            subscriptionStatus(text(form, 'status'), String(x.status)) &&
            is('customer', x.customer),
        );
      if (a === 'billing_portal' && b === 'configurations' && !c)
        return page(
          w.portalConfigurations,
          (x) => is('active', x.active) && is('is_default', x.is_default),
        );
      if (a === 'products' && b) return get(b, 'product');
      if (a === 'products') {
        const ids = list(form, 'ids');
        return page(w.products, (x) => ids.length === 0 || ids.includes(x.id));
      }
      if (a === 'checkout' && b === 'sessions') {
        if (!c)
          return page(
            w.sessions,
            (s) =>
              is('status', s.status) &&
              is('payment_link', s.payment_link) &&
              is('payment_intent', s.payment_intent) &&
              is('subscription', s.subscription) &&
              is('customer', s.customer) &&
              hasEmail(form, s.customer_details),
          );
        if (d === 'line_items') return this.lineItems(c, form, path);
        return get(c, 'checkout.session');
      }
      if (a === 'events') {
        if (b) return get(b, 'event');
        const types = list(form, 'types');
        return page(
          w.events,
          (e) => (types.length === 0 || types.includes(String(e.type))) && is('type', e.type),
        );
      }
      if (a === 'refunds')
        return b
          ? get(b, 'refund')
          : page(
              w.refunds,
              (r) => is('charge', r.charge) && is('payment_intent', r.payment_intent),
            );
      if (a === 'payment_links') {
        if (c === 'line_items') return this.lineItems(b, form, path);
        return b ? get(b, 'payment_link') : page(w.links, (l) => is('active', l.active));
      }
      if (a === 'customers' && b === 'search') return this.searchCustomers(form, path);
      if (a === 'customers')
        return b ? get(b, 'customer') : page(w.customers, (x) => is('email', x.email));
      if (a === 'prices')
        return b
          ? get(b, 'price')
          : page(w.prices, (p) => is('active', p.active) && is('product', p.product));
      if (a === 'invoices')
        return b
          ? get(b, 'invoice')
          : page(w.invoices, (i) => is('status', i.status) && is('customer', i.customer));
      if (a === 'charges')
        return b
          ? get(b, 'charge')
          : page(
              w.charges,
              (x) => is('payment_intent', x.payment_intent) && is('customer', x.customer),
            );
      if (a === 'payment_intents' && b) return get(b, 'payment_intent');
      if (a === 'disputes')
        return page(
          w.disputes,
          (x) => is('charge', x.charge) && is('payment_intent', x.payment_intent),
        );
      return null;
    }
    if (method === 'POST') {
      if (a === 'webhook_endpoints' && !b) return this.createEndpoint(form);
      if (a === 'refunds' && !b) return this.createRefund(form);
      if (a === 'payment_links' && !b) return this.createLink(form);
      if (a === 'payment_links' && b) return this.updateLink(b, form);
      if (a === 'billing_portal' && b === 'sessions') return this.createPortal(form);
      if (a === 'charges' && b) return this.updateCharge(b, form);
      return null;
    }
    if (method === 'DELETE' && a === 'webhook_endpoints' && b) {
      const at = w.endpoints.findIndex((e) => e.id === b);
      if (at < 0) return missing(b, 'webhook endpoint');
      w.endpoints.splice(at, 1);
      return [200, { id: b, object: 'webhook_endpoint', deleted: true }];
    }
    return null;
  }

  private lineItems(owner: string, form: Form, path: string): Reply {
    const items = this.world.lineItems.get(owner);
    if (!items) return missing(owner, 'object');
    const [status, out] = listPage(items, form, path);
    return [status, status === 200 ? this.expand(out as StripeObject, expands(form)) : out];
  }

  /** Follows each `a.b.c` expansion: ids become their objects, `line_items` its list. */
  expand(object: StripeObject, paths: string[]): StripeObject {
    let out = structuredClone(object);
    for (const path of paths) out = this.expandPath(out, path.split('.')) as StripeObject;
    return out;
  }

  private expandPath(value: unknown, path: string[]): unknown {
    if (path.length === 0 || value === null || typeof value !== 'object') return value;
    const [key, ...rest] = path;
    if (Array.isArray(value)) return value.map((item) => this.expandPath(item, path));
    const object = value as StripeObject;
    let child: unknown = object[key];
    if (key === 'line_items' && object.object === 'checkout.session') {
      // An expanded list holds its first page only, as Stripe's does.
      const items = this.world.lineItems.get(object.id) ?? [];
      child = {
        object: 'list',
        data: structuredClone(items.slice(0, 10)),
        has_more: items.length > 10,
        url: `/v1/checkout/sessions/${object.id}/line_items`,
      };
    } else if (key === 'line_items' && object.object === 'payment_link') {
      const items = this.world.lineItems.get(object.id) ?? [];
      child = {
        object: 'list',
        data: structuredClone(items.slice(0, 10)),
        has_more: items.length > 10,
        url: `/v1/payment_links/${object.id}/line_items`,
      };
    } else if (key === 'refunds' && object.object === 'charge') {
      const refunds = this.world.refunds.filter((r) => r.charge === object.id);
      child = {
        object: 'list',
        data: structuredClone(refunds.slice(0, 10)),
        has_more: refunds.length > 10,
        url: `/v1/charges/${object.id}/refunds`,
      };
    } else if (typeof child === 'string' && this.world.byId.has(child)) {
      child = structuredClone(this.world.byId.get(child));
    }
    return { ...object, [key]: this.expandPath(child, rest) };
  }

  /** Stripe's Search API for customers, as far as the app uses it: `name:"…"` or `email:"…"`, exact, any case. */
  private searchCustomers(form: Form, path: string): Reply {
    const query = text(form, 'query') ?? '';
    const clause = /^(name|email):"((?:[^"\\]|\\.)*)"$/.exec(query);
    if (!clause) return error(400, 'parameter_invalid_string', `Invalid search query: ${query}`);
    const [, field, quoted] = clause;
    const wanted = quoted.replace(/\\(.)/g, '$1').toLowerCase();
    const limit = num(form, 'limit') ?? 10;
    const data = this.world.customers.filter(
      (c) => String(c[field] ?? '').toLowerCase() === wanted,
    );
    return [
      200,
      {
        object: 'search_result',
        data: structuredClone(data.slice(0, limit)),
        has_more: data.length > limit,
        next_page: null,
        url: path,
      },
    ];
  }

  private createEndpoint(form: Form): Reply {
    const endpoint: StripeObject = {
      id: this.world.nextId('we'),
      object: 'webhook_endpoint',
      api_version: text(form, 'api_version') ?? null,
      application: null,
      created: this.world.now,
      description: text(form, 'description') ?? null,
      enabled_events: list(form, 'enabled_events'),
      livemode: false,
      metadata: form.metadata ?? {},
      secret: `whsec_${randomBytes(16).toString('hex')}`,
      status: 'enabled',
      url: text(form, 'url'),
    };
    this.world.add(this.world.endpoints, endpoint, true);
    return [200, endpoint];
  }

  private createRefund(form: Form): Reply {
    const w = this.world;
    const intentId = text(form, 'payment_intent');
    const chargeId =
      text(form, 'charge') ?? (intentId ? String(w.byId.get(intentId)?.latest_charge ?? '') : '');
    const charge = w.byId.get(chargeId);
    if (!charge) return missing(chargeId || String(intentId), 'charge');
    const left = Number(charge.amount) - Number(charge.amount_refunded);
    if (left <= 0)
      return error(400, 'charge_already_refunded', `Charge ${chargeId} has already been refunded.`);
    const amount = num(form, 'amount') ?? left;
    if (amount > left)
      return error(
        400,
        'amount_too_large',
        `Refund amount ($${amount / 100}) is greater than unrefunded amount on charge ($${left / 100})`,
        'amount',
      );
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refund: StripeObject = {
      ...refundFixture,
      id: w.nextId('re'),
      amount,
      charge: chargeId,
      payment_intent: charge.payment_intent,
      created: w.now,
      metadata: form.metadata ?? {},
      reason: text(form, 'reason') ?? null,
      status: 'succeeded',
      ...(text(form, 'instructions_email')
        ? { instructions_email: text(form, 'instructions_email') }
        : {}),
    };
    w.add(w.refunds, refund, true);
    return [200, refund];
  }

  private afterCompletion(form: Form): object | null {
    const after = form.after_completion;
    if (!after || typeof after !== 'object' || Array.isArray(after)) return null;
    const type = String(after.type);
    return type === 'redirect'
      ? { type, redirect: after.redirect }
      : { type, hosted_confirmation: after.hosted_confirmation ?? { custom_message: null } };
  }

  private createLink(form: Form): Reply {
    const w = this.world;
    const id = w.nextId('plink');
    const items = Array.isArray(form.line_items) ? form.line_items : [];
    for (const item of items)
      if (typeof item === 'object' && !Array.isArray(item) && !w.byId.has(String(item.price)))
        return missing(String(item.price), 'price');
    const limit = num(form, 'restrictions[completed_sessions][limit]');
    const link: StripeObject = {
      ...linkFixture,
      id,
      url: `https://buy.stripe.com/test_${id.slice(-10)}`,
      metadata: form.metadata ?? {},
      after_completion: this.afterCompletion(form) ?? {
        type: 'hosted_confirmation',
        hosted_confirmation: { custom_message: null },
      },
      allow_promotion_codes: text(form, 'allow_promotion_codes') === 'true',
      inactive_message: text(form, 'inactive_message') ?? null,
      restrictions: limit !== undefined ? { completed_sessions: { count: 0, limit } } : null,
    };
    w.add(w.links, link, true);
    w.lineItems.set(id, [w.lineItem(w.links.length)]);
    return [200, link];
  }

  private updateLink(id: string, form: Form): Reply {
    const link = this.world.byId.get(id);
    if (!link) return missing(id, 'payment_link');
    const active = text(form, 'active');
    if (active !== undefined) link.active = active === 'true';
    const after = this.afterCompletion(form);
    if (after) link.after_completion = after;
    if (form.metadata && typeof form.metadata === 'object')
      link.metadata = { ...(link.metadata as object), ...form.metadata };
    const inactive = text(form, 'inactive_message');
    if (inactive !== undefined) link.inactive_message = inactive || null;
    return [200, structuredClone(link)];
  }

  private createPortal(form: Form): Reply {
    const customer = text(form, 'customer') ?? '';
    if (!this.world.byId.has(customer)) return missing(customer, 'customer');
    const flow = form.flow_data;
    const task =
      flow && typeof flow === 'object' && !Array.isArray(flow) ? flow[String(flow.type)] : null;
    const subscription =
      task && typeof task === 'object' && !Array.isArray(task)
        ? text(task, 'subscription')
        : undefined;
    if (subscription) {
      const found = this.world.byId.get(subscription);
      if (!found) return missing(subscription, 'subscription');
      if (found.customer !== customer)
        return error(
          400,
          'parameter_invalid',
          `The subscription ${subscription} does not belong to the customer ${customer}.`,
        );
    }
    const configuration = text(form, 'configuration');
    if (configuration && !this.world.byId.has(configuration))
      return missing(configuration, 'billing_portal.configuration');
    return [
      200,
      {
        ...portalFixture,
        id: this.world.nextId('bps'),
        customer,
        return_url: text(form, 'return_url') ?? null,
        configuration: text(form, 'configuration') ?? portalFixture.configuration,
        flow: form.flow_data ?? null,
      },
    ];
  }

  private updateCharge(id: string, form: Form): Reply {
    const charge = this.world.byId.get(id);
    if (!charge) return missing(id, 'charge');
    const email = text(form, 'receipt_email');
    if (email !== undefined) charge.receipt_email = email;
    charge.receipt_number ??= '1873-4409';
    return [200, structuredClone(charge)];
  }
}

/** Stripe's subscription `status` filter: none lists all but canceled; `ended` is both ends. */
function subscriptionStatus(wanted: string | undefined, status: string): boolean {
  if (wanted === undefined) return status !== 'canceled';
  if (wanted === 'all') return true;
  if (wanted === 'ended') return status === 'canceled' || status === 'incomplete_expired';
  return status === wanted;
}

function expands(form: Form): string[] {
  return list(form, 'expand');
}

/** The sessions list's `customer_details[email]` filter (none given: every session). */
function hasEmail(form: Form, details: unknown): boolean {
  const filter = form.customer_details;
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return true;
  return (details as { email?: unknown } | null)?.email === filter.email;
}
