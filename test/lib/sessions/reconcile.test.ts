import type Stripe from 'stripe';
import {
  coverageNote,
  DEFAULT_RECONCILE_DAYS,
  isPaidLinkOrder,
  missingOrder,
} from '../../../lib/sessions/reconcile';
import type { ScanResult } from '../../../lib/scan/scanner';
import { planPeriod } from '../../../lib/sessions/period';
import { valuesInColumn } from '../../../lib/sheets/append';
import fixture from '../../fixtures/foundation/checkout_session.json';

const NOW = Date.parse('2026-11-27T02:00:00Z') / 1000;
const session = fixture as unknown as Stripe.Checkout.Session;
const scan = (complete: boolean, completeFrom: number): ScanResult => ({
  complete,
  completeFrom,
  scanned: 300,
  requests: 3,
  retried: 0,
  floor: null,
  elapsedMs: 20_000,
  read: [],
});

describe('planPeriod', () => {
  it('defaults to the 7 days before now, the end one second past now (whole seconds)', () => {
    expect(planPeriod({}, NOW, DEFAULT_RECONCILE_DAYS)).toEqual({
      from: NOW + 1 - 7 * 86_400,
      to: NOW + 1,
    });
  });

  it('takes ISO dates and unix seconds; an end in the future is now; the start rounds down, the end up', () => {
    expect(
      planPeriod(
        { created_after: '2026-11-20T10:00:00.5Z', created_before: '2099-01-01' },
        NOW,
        DEFAULT_RECONCILE_DAYS,
      ),
    ).toEqual({ from: Date.parse('2026-11-20T10:00:00Z') / 1000, to: NOW + 1 });
    expect(
      planPeriod(
        { created_after: String(NOW - 100), created_before: NOW - 10 },
        NOW,
        DEFAULT_RECONCILE_DAYS,
      ),
    ).toEqual({
      from: NOW - 100,
      to: NOW - 10,
    });
    expect(
      planPeriod({ created_before: '2026-11-25T00:00:00.2Z' }, NOW, DEFAULT_RECONCILE_DAYS),
    ).toMatchObject({
      to: Date.parse('2026-11-25T00:00:01Z') / 1000,
    });
  });

  it.each([
    [
      { created_after: '2026-11-26', created_before: '2026-11-26' },
      /must be before Created Before/,
    ],
    [
      { created_after: '2026-11-26', created_before: '2026-11-20' },
      /must be before Created Before/,
    ],
    [{ created_after: 'soon' }, /^Created After "soon" is not a date/],
    [{ created_before: 'later' }, /^Created Before "later" is not a date/],
    // A start after now (the end defaults to now).
    [{ created_after: '2099-01-01' }, /must be before Created Before/],
  ])('refuses %j in words', (input, message) => {
    const out = planPeriod(input, NOW, DEFAULT_RECONCILE_DAYS);
    expect(out).toEqual({ problem: expect.stringMatching(message) });
    expect((out as { problem: string }).problem.length).toBeLessThanOrEqual(250);
  });
});

describe('isPaidLinkOrder', () => {
  const link = 'plink_1QxSpringSale';
  it.each([
    [{}, null, true],
    [{}, link, true],
    [{}, 'plink_other', false],
    [{ payment_link: null }, null, false],
    [{ payment_link: { id: link } }, link, true],
    [{ payment_status: 'unpaid' }, null, false],
    [{ payment_status: 'no_payment_required' }, null, true],
    [{ mode: 'setup', payment_status: 'no_payment_required' }, null, false],
  ])('%j for link %s → %s', (change, only, expected) => {
    const s = { ...session, ...change } as Stripe.Checkout.Session;
    expect(isPaidLinkOrder(s, only)).toBe(expected);
  });
});

describe('valuesInColumn', () => {
  it('skips the header and empty cells, compares trimmed text', () => {
    const lookup = { header: ['Session ID'], index: 0, cells: ['Session ID', ' cs_1 ', '', 1042] };
    expect([...valuesInColumn(lookup)]).toEqual(['cs_1', '1042']);
  });
  it('a sheet without a header: every cell is data', () => {
    expect([...valuesInColumn({ header: [], index: 0, cells: ['cs_1'] })]).toEqual(['cs_1']);
  });
});

describe('the output', () => {
  it('a missing order in decimal amounts, upper-case currency and ISO time (JPY has no decimals)', () => {
    const yen = { ...session, currency: 'jpy', amount_total: 1500 } as Stripe.Checkout.Session;
    expect(missingOrder(yen, 'appended', 12)).toMatchObject({
      session_id: session.id,
      amount_total_decimal: '1500',
      currency: 'JPY',
      created: new Date(session.created * 1000).toISOString(),
      customer_email: 'ada@example.com',
      status: 'appended',
      row_number: 12,
    });
  });

  it('says whether the whole period was checked, and how to narrow it when not', () => {
    const period = { from: NOW - 7 * 86_400, to: NOW };
    expect(coverageNote(period, scan(true, period.from), 58)).toBe(
      'Checked all 58 paid payment-link sessions from 2026-11-20 02:00 UTC to 2026-11-27 02:00 UTC against the order log.',
    );
    expect(coverageNote(period, scan(false, NOW - 86_400), 300)).toBe(
      'Time ran out: checked 2026-11-26 02:00 UTC to 2026-11-27 02:00 UTC, not back to 2026-11-20 02:00 UTC. For the rest, run again with Created Before = 2026-11-26T02:00:00.000Z, or choose a shorter period or one payment link.',
    );
  });
});
