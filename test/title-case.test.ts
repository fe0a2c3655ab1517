import App from '../index';
import { titleCaseProblems } from './title-case';

const groups = ['triggers', 'creates', 'searches'] as const;

interface Labelled {
  key: string;
  label?: string;
  children?: Labelled[];
  choices?: unknown;
}

function visibleLabels(): [string, string][] {
  const out: [string, string][] = [];
  for (const group of groups)
    for (const op of Object.values(
      (App[group] ?? {}) as Record<
        string,
        {
          key: string;
          display: { label: string; hidden?: boolean };
          operation: { inputFields?: unknown[]; outputFields?: Labelled[] };
        }
      >,
    )) {
      const where = `${group}.${op.key}`;
      out.push([where, op.display.label]);
      const fields = (op.operation.inputFields ?? []).filter(
        (f): f is Labelled => typeof f === 'object',
      );
      for (const f of [...fields, ...fields.flatMap((f) => f.children ?? [])])
        if (f.label) out.push([`${where} input ${f.key}`, f.label]);
      for (const f of op.operation.outputFields ?? [])
        if (f.label) out.push([`${where} output ${f.key}`, f.label]);
    }
  for (const pair of Object.values(App.searchOrCreates ?? {}) as { display: { label: string } }[])
    out.push(['searchOrCreates', pair.display.label]);
  for (const f of App.authentication?.fields ?? [])
    if (f.label) out.push([`authentication ${f.key}`, f.label]);
  return out;
}

describe('every visible label is in Title Case (whatever index.ts registers)', () => {
  it.each(visibleLabels())('%s: %s', (_where, label) => {
    expect(titleCaseProblems(label)).toEqual([]);
  });
});

describe('the Title Case rule itself', () => {
  it.each([
    ['Checkout Session Completed (Payment Link, Polling)', []],
    ['Find or Create Payment Link', []],
    ['Latest Payment Link Order: Date', []],
    ['Send Fulfillment Email (Gmail)', []],
    ['Checkout Session Completed (Payment Link, polling)', ['polling']],
    ['Refund updated', ['updated']],
    ['or Create', ['or']],
  ])('%s → %j', (label, problems) => {
    expect(titleCaseProblems(label)).toEqual(problems);
  });
});
