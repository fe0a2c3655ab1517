import type { ZObject } from 'zapier-platform-core';
import { connectionCache, ONE_DAY_SECONDS } from '../cache';
import { messageOf } from '../errors';
import { googleRequest, SHEETS_API } from '../google/request';
import type { GetSpreadsheetQuery, Spreadsheet } from '../google/types';
import { SheetInputError, type SheetRef } from './sheet';

/**
 * Which tab a Zap means. Zaps store a tab's title, which a user can change; the tab's `sheetId`
 * never changes, so it is remembered with every name the tab was known by.
 */
export interface Worksheet {
  sheetId: number;
  title: string;
  index: number;
}

/** A tab's id for its title, as long as Zapier keeps it: what lets a renamed tab be found. */
export const TAB_TTL_SECONDS = 30 * ONE_DAY_SECONDS;

const tabsKey = (spreadsheetId: string) => `sheets-tabs:${spreadsheetId}`;

/** Each name a Zap may know a tab by (its title, or a title it had) → that tab now. */
type TabIndex = Record<string, { sheetId: number; title: string }>;

async function tabIndex(z: ZObject, spreadsheetId: string): Promise<TabIndex> {
  const index: unknown = await connectionCache(z).get(tabsKey(spreadsheetId));
  return index && typeof index === 'object' ? (index as TabIndex) : {};
}

/**
 * The tabs of a spreadsheet in sheet order (1 call). One cache entry per spreadsheet remembers
 * every tab's id by title, and keeps names it knew before pointing at the same id: a renamed
 * tab is still found under its old name.
 */
export async function fetchWorksheets(z: ZObject, spreadsheetId: string): Promise<Worksheet[]> {
  const data = await googleRequest<Spreadsheet>(z, {
    url: `${SHEETS_API}/${encodeURIComponent(spreadsheetId)}`,
    params: { fields: 'sheets.properties(sheetId,title,index)' } satisfies GetSpreadsheetQuery,
    resource: `the spreadsheet ${spreadsheetId}`,
  });
  const tabs = (data.sheets ?? [])
    .map(({ properties: p }) => ({
      sheetId: p?.sheetId ?? 0,
      title: p?.title ?? '',
      index: p?.index ?? 0,
    }))
    .filter((tab) => tab.title)
    .sort((a, b) => a.index - b.index);
  const byId = new Map(tabs.map((t) => [t.sheetId, t]));
  const index: TabIndex = {};
  for (const [name, known] of Object.entries(await tabIndex(z, spreadsheetId))) {
    const tab = byId.get(known.sheetId);
    if (tab) index[name] = { sheetId: tab.sheetId, title: tab.title };
  }
  for (const tab of tabs) index[tab.title] = { sheetId: tab.sheetId, title: tab.title };
  await connectionCache(z).set(tabsKey(spreadsheetId), index, TAB_TTL_SECONDS);
  return tabs;
}

/** The Worksheet dropdown: the tab's title is its value (what existing Zaps store). */
export async function listWorksheets(
  z: ZObject,
  spreadsheetId: string,
): Promise<{ id: string; title: string; index: number }[]> {
  const tabs = await fetchWorksheets(z, spreadsheetId);
  return tabs.map((t) => ({ id: t.title, title: t.title, index: t.index }));
}

/** Notes a tab just made (no call), so the next steps find it without listing the tabs. */
export async function rememberWorksheet(
  z: ZObject,
  spreadsheetId: string,
  tab: Pick<Worksheet, 'sheetId' | 'title'>,
): Promise<void> {
  const index = await tabIndex(z, spreadsheetId);
  index[tab.title] = { sheetId: tab.sheetId, title: tab.title };
  await connectionCache(z).set(tabsKey(spreadsheetId), index, TAB_TTL_SECONDS);
}

function tabGone(ref: SheetRef, tabs: Worksheet[]): Error {
  const names = tabs.map((t) => `"${t.title}"`).join(', ');
  return new SheetInputError(
    `The worksheet "${ref.worksheet}" is not in spreadsheet ${ref.spreadsheetId} any more (renamed or deleted before we could note its id). Pick the tab again in the Worksheet field. Tabs now: ${names || 'none'}.`,
  );
}

/** The tab the Zap names, by its current title: 0 calls when its id is remembered, else 1. */
export async function locateWorksheet(z: ZObject, ref: SheetRef): Promise<SheetRef> {
  const known = (await tabIndex(z, ref.spreadsheetId))[ref.worksheet];
  if (known) return { ...ref, worksheet: known.title, sheetId: known.sheetId };
  const tabs = await fetchWorksheets(z, ref.spreadsheetId);
  const tab = tabs.find((t) => t.title === ref.worksheet);
  if (!tab) throw tabGone(ref, tabs);
  return { ...ref, sheetId: tab.sheetId };
}

function isMissingRange(err: unknown): boolean {
  return /Unable to parse range/i.test(messageOf(err));
}

/**
 * Runs `work` on the tab the Zap names. When Google no longer knows its title (the tab was
 * renamed), the tab is found again by its id, its new title remembered, and `work` runs once
 * more: an unparsable range means nothing was read or written.
 */
export async function withWorksheet<T>(
  z: ZObject,
  ref: SheetRef,
  work: (located: SheetRef) => Promise<T>,
): Promise<T> {
  const located = await locateWorksheet(z, ref);
  try {
    return await work(located);
  } catch (err) {
    if (!isMissingRange(err)) throw err;
    // Listing the tabs follows the remembered id to the tab's new title.
    const tabs = await fetchWorksheets(z, ref.spreadsheetId);
    const tab = tabs.find((t) => t.sheetId === located.sheetId);
    if (!tab || tab.title === located.worksheet) throw tabGone(ref, tabs);
    z.console.log(`Worksheet "${ref.worksheet}" is now called "${tab.title}": writing there.`);
    return work({ ...located, worksheet: tab.title });
  }
}
