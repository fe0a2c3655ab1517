import type { ZObject } from 'zapier-platform-core';
import { lookupColumn, type ColumnLookup } from './append';
import { ORDER_LOG_HEADER, SESSION_ID_COLUMN } from './order-row';
import { SheetInputError, writeHeader, type SheetRef } from './sheet';

/** What a failed write of order rows may be followed by. */
export const REPLAY_SAFE = `Replaying is safe: the ${SESSION_ID_COLUMN} column prevents a second row.`;

/** The order log's Session ID column as read: its index, or an empty worksheet (no header yet). */
export type OrderLog = { lookup: ColumnLookup & { index: number } } | { empty: true };

/**
 * Reads the order log's live header and Session ID column in one call (a second only when the
 * column moved since the header was cached). A header without a Session ID column is refused:
 * without it no step could tell a logged order from a missing one.
 */
export async function readOrderLog(z: ZObject, sheet: SheetRef): Promise<OrderLog> {
  const lookup = await lookupColumn(z, sheet, SESSION_ID_COLUMN);
  if (lookup.header.length === 0) return { empty: true };
  if (lookup.index === null)
    throw new SheetInputError(
      `The worksheet "${sheet.worksheet}" has a header row but no "${SESSION_ID_COLUMN}" column, which this step needs to never log an order twice. Add a "${SESSION_ID_COLUMN}" column to row 1, or use an empty worksheet.`,
    );
  return { lookup: { ...lookup, index: lookup.index } };
}

/** Gives an empty worksheet the order log's header (1 write): the log as it now stands. */
export async function startOrderLog(
  z: ZObject,
  sheet: SheetRef,
): Promise<ColumnLookup & { index: number }> {
  await writeHeader(z, sheet, ORDER_LOG_HEADER);
  const index = ORDER_LOG_HEADER.indexOf(SESSION_ID_COLUMN);
  return { header: ORDER_LOG_HEADER, index, cells: [ORDER_LOG_HEADER[index]] };
}
