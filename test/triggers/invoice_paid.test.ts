import nock from 'nock';
import { Readable } from 'node:stream';
import type { Bundle, ZObject } from 'zapier-platform-core';
import App from '../../index';
import { invoicePdf } from '../../hydrators';
import invoice from '../fixtures/triggers/invoice_paid.json';
import { makeBundle, recordUnmatched, STRIPE_API } from '../helpers';
import { useRuntime } from '../runtime';
import { deliveryBundle, eventOf, sampleKeys } from './stripe-hook-helpers';

const trigger = App.triggers.invoice_paid;
const runtime = useRuntime();
let n = 0;
const newEventId = () => `evt_1QxInv${(n += 1)}${Date.now()}`;

describe('invoice_paid', () => {
  it('fires one record from the event alone (no Stripe call), subscription from parent details', async () => {
    const unmatched = recordUnmatched();
    const out = (await runtime().run(
      'triggers.invoice_paid.operation.perform',
      deliveryBundle(eventOf('invoice.paid', invoice, newEventId())),
    )) as Record<string, unknown>[];
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      id: 'in_1QxLumenInv001',
      number: 'LUMEN-0042',
      amount_paid: 4860,
      amount_paid_decimal: '48.60',
      amount_remaining_decimal: '0.00',
      paid_at: '2025-11-22T08:26:43.000Z',
      subscription: 'sub_1QxPrintClub',
      billing_reason: 'subscription_cycle',
      customer_email: 'ada@example.com',
      line_items: [
        {
          description: '1 × Print club (at $45.00 / month)',
          quantity: 1,
          amount: 4500,
          amount_decimal: '45.00',
          price_id: 'price_1QxClubMonthly',
          product_id: 'prod_QxClub',
        },
      ],
      line_items_count: 1,
      metadata: { campaign: 'spring-sale' },
      dashboard_url: 'https://dashboard.stripe.com/test/invoices/in_1QxLumenInv001',
    });
  });

  it('gives the PDF as a dehydrated file named after the invoice number', async () => {
    const other = { ...invoice, id: 'in_1QxLumenPdfTest' };
    const [record] = (await runtime().run(
      'triggers.invoice_paid.operation.perform',
      deliveryBundle(eventOf('invoice.paid', other, newEventId())),
    )) as { invoice_pdf: string }[];
    expect(record.invoice_pdf).toMatch(/^hydrate\|\|\|.*\|\|\|hydrate$/);
    const payload = JSON.parse(record.invoice_pdf.split('|||')[1]);
    expect(payload).toMatchObject({
      type: 'file',
      method: 'hydrators.invoicePdf',
      bundle: { url: invoice.invoice_pdf, filename: 'LUMEN-0042.pdf' },
    });
  });

  it('fires once for a re-delivered event and once per invoice', async () => {
    const inv = { ...invoice, id: `in_1QxOnce${Date.now()}` };
    const event = eventOf('invoice.paid', inv, newEventId());
    expect(
      await runtime().run('triggers.invoice_paid.operation.perform', deliveryBundle(event)),
    ).toHaveLength(1);
    expect(
      await runtime().run('triggers.invoice_paid.operation.perform', deliveryBundle(event)),
    ).toEqual([]);
    expect(
      await runtime().run(
        'triggers.invoice_paid.operation.perform',
        deliveryBundle(eventOf('invoice.paid', inv, newEventId())),
      ),
    ).toEqual([]);
  });

  it('emits nothing for a forged delivery', async () => {
    expect(
      await runtime().run(
        'triggers.invoice_paid.operation.perform',
        deliveryBundle(eventOf('invoice.paid', invoice, newEventId()), { secret: 'whsec_nope' }),
      ),
    ).toEqual([]);
  });

  it('subscribes to invoice.paid only', async () => {
    let form = new URLSearchParams();
    nock(STRIPE_API)
      .post('/v1/webhook_endpoints', (b) => ((form = new URLSearchParams(b)), true))
      .reply(200, { id: 'we_1', object: 'webhook_endpoint', secret: 'whsec_1' });
    await runtime().run(
      'triggers.invoice_paid.operation.performSubscribe',
      makeBundle({ targetUrl: 'https://hooks.zapier.com/x' }),
    );
    expect(form.get('enabled_events[0]')).toBe('invoice.paid');
    expect(form.has('enabled_events[1]')).toBe(false);
  });

  it('lists recently paid invoices in the same shape', async () => {
    nock(STRIPE_API)
      .get('/v1/invoices')
      .query({ status: 'paid', limit: 2 })
      .reply(200, { object: 'list', data: [invoice], has_more: false, url: '/v1/invoices' });
    const out = (await runtime().run(
      'triggers.invoice_paid.operation.performList',
      makeBundle({ meta: { limit: 2 } }),
    )) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({
      id: 'in_1QxLumenInv001',
      subscription: 'sub_1QxPrintClub',
      invoice_pdf: expect.stringMatching(/^hydrate/),
    });
  });

  it('declares every sample key as a labelled output field, the PDF as a file', () => {
    const fields = trigger.operation.outputFields as {
      key: string;
      label?: string;
      type?: string;
    }[];
    const declared = new Map(fields.map((f) => [f.key, f.label]));
    for (const key of sampleKeys(trigger.operation.sample as Record<string, unknown>))
      expect([key, declared.get(key)]).toEqual([key, expect.any(String)]);
    expect(fields.find((f) => f.key === 'invoice_pdf')?.type).toBe('file');
  });
});

describe('invoice PDF hydrator', () => {
  const fakeZ = (stash: jest.Mock) =>
    ({
      errors: { Error: class extends Error {} },
      request: async () => ({
        body: Readable.from(['%PDF-1.7']),
        getHeader: (h: string) => (h === 'content-length' ? '8' : undefined),
      }),
      stashFile: stash,
    }) as unknown as ZObject;

  it('downloads the PDF and stashes it with its name and type', async () => {
    const stash = jest
      .fn()
      .mockReturnValue('https://zapier-dev-files.s3.amazonaws.com/cli-platform/LUMEN-0042.pdf');
    const url = await invoicePdf(fakeZ(stash), {
      inputData: { url: invoice.invoice_pdf, filename: 'LUMEN-0042.pdf' },
    } as Bundle<{ url: string; filename: string }>);
    expect(url).toMatch(/LUMEN-0042\.pdf$/);
    expect(stash).toHaveBeenCalledWith(
      expect.any(Readable),
      8,
      'LUMEN-0042.pdf',
      'application/pdf',
    );
  });

  it('refuses a link that is not https', async () => {
    const stash = jest.fn();
    await expect(
      invoicePdf(fakeZ(stash), { inputData: { url: 'http://evil.example/x.pdf' } } as Bundle<{
        url: string;
      }>),
    ).rejects.toThrow();
    expect(stash).not.toHaveBeenCalled();
  });
});
