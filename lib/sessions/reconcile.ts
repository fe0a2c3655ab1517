import type Stripe from 'stripe';
import type { ZObject } from 'zapier-platform-core';
import { mapConcurrent } from '../concurrency';
import { decimalOrNull } from '../money';
import type { ScanResult } from '../scan/scanner';
import { appendRowsUnlessDuplicate, valuesInColumn, type KeyedRow } from '../sheets/append';
import { REPLAY_SAFE, startOrderLog, type OrderLog } from '../sheets/order-log';
import { orderRowValues } from '../sheets/order-row';
import type { SheetRef } from '../sheets/sheet';
import { idOf, isoFromUnix } from '../stripe/ids';
import { checkoutSessionToOrder, isPaidOrder, lineItemsFor } from '../stripe/order';
import type { Period } from './period';
import { scanCheckoutSessions, scanDeadline, shortTime } from './scan';

export const DEFAULT_RECONCILE_DAYS = 7;
/** Time kept after the scan for the claims (one cache round trip each) and the one append. */
export const APPEND_RESERVE_MS = 6_000;
/** Rows appended per run at most: their claims must fit in the reserve. The rest wait a run. */
export const MAX_APPENDED_PER_RUN = 200;
/** Missing orders listed in the output at most (the counts are always whole). */
export const MAX_LISTED = 500;
/** Line items ride on the list pages (one level: `data.line_items`), so appending costs no call. */
export const RECONCILE_LIST_EXPAND = ['data.line_items'];
const LINE_ITEM_READS_IN_FLIGHT = 4;

/** A session the order log should hold: a paid (or free) order from a payment link. */
export function isPaidLinkOrder(session: Stripe.Checkout.Session, link: string | null): boolean {
  const from = idOf(session.payment_link);
  return from !== null && (link === null || from === link) && isPaidOrder(session);
}

/**
 * The period's paid payment-link sessions, oldest first: one list call per 100 complete sessions
 * (the link filtered by Stripe when one is given), paced at the rate limit until `deadline`.
 */
export async function paidLinkSessions(
  stripe: Stripe,
  period: Period,
  link: string | null,
  options: { withLineItems: boolean; deadline: number; ratePerSecond?: number },
): Promise<{ sessions: Stripe.Checkout.Session[]; scan: ScanResult }> {
  const found = new Map<string, Stripe.Checkout.Session>();
  const scan = await scanCheckoutSessions(stripe, {
    from: period.from,
    to: period.to,
    filters: {
      status: 'complete',
      ...(link ? { payment_link: link } : {}),
      ...(options.withLineItems ? { expand: RECONCILE_LIST_EXPAND } : {}),
    },
    onSessions: (sessions) => {
      for (const s of sessions) if (isPaidLinkOrder(s, link)) found.set(s.id, s);
    },
    deadline: options.deadline,
    ratePerSecond: options.ratePerSecond,
  });
  const sessions = [...found.values()].sort(
    (a, b) => a.created - b.created || a.id.localeCompare(b.id),
  );
  return { sessions, scan };
}

export type MissingStatus = 'appended' | 'not_appended' | 'being_logged' | 'next_run';
export type MissingOrder = {
  session_id: string;
  client_reference_id: string | null;
  amount_total_decimal: string | null;
  currency: string | null;
  customer_email: string | null;
  created: string | null;
  payment_link: string | null;
  status: MissingStatus;
  row_number: number | null;
};

export function missingOrder(
  s: Stripe.Checkout.Session,
  status: MissingStatus,
  row: number | null = null,
): MissingOrder {
  return {
    session_id: s.id,
    client_reference_id: s.client_reference_id,
    amount_total_decimal: decimalOrNull(s.amount_total, s.currency),
    currency: s.currency ? s.currency.toUpperCase() : null,
    customer_email: s.customer_details?.email ?? s.customer_email ?? null,
    created: isoFromUnix(s.created),
    payment_link: idOf(s.payment_link),
    status,
    row_number: row,
  };
}

export function coverageNote(period: Period, scan: ScanResult, paid: number): string {
  if (scan.complete)
    return `Checked all ${paid} paid payment-link sessions from ${shortTime(period.from)} to ${shortTime(period.to)} against the order log.`;
  return `Time ran out: checked ${shortTime(scan.completeFrom)} to ${shortTime(period.to)}, not back to ${shortTime(period.from)}. For the rest, run again with Created Before = ${isoFromUnix(scan.completeFrom)}, or choose a shorter period or one payment link.`;
}

export type Reconciliation = {
  period_start: string | null;
  period_end: string | null;
  payment_link: string | null;
  spreadsheet_id: string;
  worksheet: string;
  sessions_paid: number;
  already_logged: number;
  missing: number;
  appended: number;
  being_logged: number;
  left_for_next_run: number;
  period_complete: boolean;
  checked_back_to: string | null;
  note: string;
  updated_range: string | null;
  missing_orders: MissingOrder[];
};

export type ReconcilePlan = {
  period: Period;
  link: string | null;
  append: boolean;
  account: string | null;
  /** ms epoch: when the step started (its 30 s count from here). */
  started: number;
};

/**
 * Compares the period's paid payment-link sessions with the order log read a moment ago (`log`,
 * its Session ID column) and, when `append`, logs the missing ones as log_checkout_to_sheet
 * does (same row builder, same per-row claim) in one append call. The column was read before the
 * scan; a row another run wrote since then holds its claim for longer than this step lives, so it
 * is skipped as `being_logged`, never written twice.
 */
export async function reconcileOrders(
  z: ZObject,
  stripe: Stripe,
  sheet: SheetRef,
  log: OrderLog,
  plan: ReconcilePlan,
): Promise<Reconciliation> {
  const reserve = plan.append ? APPEND_RESERVE_MS : 0;
  const { sessions, scan } = await paidLinkSessions(stripe, plan.period, plan.link, {
    withLineItems: plan.append,
    deadline: scanDeadline(plan.started) - reserve,
  });
  z.console.log(
    `reconcile_orders_with_sheet: ${scan.scanned} sessions in ${scan.requests} requests, ${scan.elapsedMs} ms`,
  );
  const logged = 'empty' in log ? new Set<string>() : valuesInColumn(log.lookup);
  const missing = sessions.filter((s) => !logged.has(s.id));
  const status = new Map<string, { status: MissingStatus; row: number | null }>();
  let updatedRange: string | null = null;
  if (plan.append && missing.length) {
    const batch = missing.slice(0, MAX_APPENDED_PER_RUN);
    const lookup = 'empty' in log ? await startOrderLog(z, sheet) : log.lookup;
    const rows: KeyedRow[] = await mapConcurrent(batch, LINE_ITEM_READS_IN_FLIGHT, async (s) => {
      const order = checkoutSessionToOrder(s, await lineItemsFor(stripe, s), plan.account);
      return { key: s.id, values: orderRowValues(order, lookup.header) };
    });
    const out = await appendRowsUnlessDuplicate(z, sheet, lookup, rows, REPLAY_SAFE, logged);
    for (const a of out.appended) status.set(a.key, { status: 'appended', row: a.row });
    for (const s of out.skipped) status.set(s.key, { status: 'being_logged', row: null });
    updatedRange = out.updatedRange;
  }
  const fallback: MissingStatus = plan.append ? 'next_run' : 'not_appended';
  const lines = missing.map((s) => {
    const done = status.get(s.id);
    return missingOrder(s, done?.status ?? fallback, done?.row ?? null);
  });
  const count = (which: MissingStatus) => lines.filter((l) => l.status === which).length;
  const notes = [coverageNote(plan.period, scan, sessions.length)];
  if (count('next_run'))
    notes.push(
      `${count('next_run')} missing order(s) were left for the next run (at most ${MAX_APPENDED_PER_RUN} are appended per run).`,
    );
  if (count('being_logged'))
    notes.push(
      `${count('being_logged')} missing order(s) were being written by another run at the same moment; the next run confirms them.`,
    );
  if (lines.length > MAX_LISTED) notes.push(`The first ${MAX_LISTED} missing orders are listed.`);
  return {
    period_start: isoFromUnix(plan.period.from),
    period_end: isoFromUnix(plan.period.to),
    payment_link: plan.link,
    spreadsheet_id: sheet.spreadsheetId,
    worksheet: sheet.worksheet,
    sessions_paid: sessions.length,
    already_logged: sessions.length - missing.length,
    missing: missing.length,
    appended: count('appended'),
    being_logged: count('being_logged'),
    left_for_next_run: count('next_run'),
    period_complete: scan.complete,
    checked_back_to: isoFromUnix(scan.complete ? plan.period.from : scan.completeFrom),
    note: notes.join(' '),
    updated_range: updatedRange,
    missing_orders: lines.slice(0, MAX_LISTED),
  };
}
