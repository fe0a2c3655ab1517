import App from '../index';
import { validateApp } from './helpers';

/**
 * The rules of Zapier's integration review that a program can judge, checked on whatever index.ts
 * registers (so they hold for operations added later): D021 description prefixes, search labels,
 * D002/D008 help-text links, D024 output fields vs sample keys, samples free of one shop's keys,
 * D004 id inputs with dropdowns (and searches where one fits), paginated dropdowns.
 */

interface Field {
  key: string;
  label?: string;
  helpText?: string;
  type?: string;
  list?: boolean;
  dict?: boolean;
  dynamic?: string;
  search?: string;
  children?: Field[];
}

interface Operation {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: {
    type?: string;
    canPaginate?: boolean;
    cleanInputData?: boolean;
    inputFields?: (Field | ((...args: never[]) => unknown))[];
    outputFields?: Field[];
    sample?: Record<string, unknown>;
  };
}

type Group = 'triggers' | 'creates' | 'searches';

const operations: { group: Group; op: Operation }[] = (
  ['triggers', 'creates', 'searches'] as const
).flatMap((group) =>
  Object.values((App[group] ?? {}) as Record<string, Operation>).map((op) => ({ group, op })),
);
const named = operations.map(({ group, op }) => [`${group}.${op.key}`, group, op] as const);
const triggers = (App.triggers ?? {}) as Record<string, Operation>;
const searches = (App.searches ?? {}) as Record<string, Operation>;

/** The static input fields, children included (a function entry is a dynamic-fields hook). */
function staticInputs(op: Operation): Field[] {
  const fields = (op.operation.inputFields ?? []).filter((f): f is Field => typeof f === 'object');
  return fields.flatMap((f) => [f, ...(f.children ?? [])]);
}

/** Keys as Zapier flattens a sample: `a__b` into objects, `a[]b` into arrays of objects. */
function sampleKeys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    const objects = value.filter((v) => v && typeof v === 'object' && !Array.isArray(v));
    if (objects.length === 0) return [prefix];
    const inner = new Set(objects.flatMap((o) => sampleKeys(o, '')));
    return [...inner].map((k) => `${prefix}[]${k}`);
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (prefix && entries.length === 0) return [prefix];
    return entries.flatMap(([k, v]) => sampleKeys(v, prefix ? `${prefix}__${k}` : k));
  }
  return [prefix];
}

function valueAt(sample: Record<string, unknown>, key: string): unknown {
  return key.split('__').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], sample);
}

/** Dict outputs whose keys are a fixed vocabulary (UTM parameter names, ISO currency codes). */
const FIXED_KEY_DICTS = /^(parameters|\w+_by_currency)$/;

/** Ids a Zap builder picks from their own Stripe account (issue 16, Zapier check D004). */
const ID_INPUTS = ['payment', 'payments', 'checkout_session', 'customer', 'payment_link'];

/** Dropdowns filled by one call with no pages (a spreadsheet's tabs come in one response). */
const SINGLE_CALL_DROPDOWNS = ['worksheet_list'];

const BARE_URL = /https?:\/\//;
const MARKDOWN_LINK = /\[[^\]]+\]\(https?:\/\/[^)\s]+\)/g;

describe('Zapier review rules, for every registered operation', () => {
  it.each(named)('%s: description starts as Zapier asks (D021)', (_name, group, op) => {
    const prefix = {
      triggers: /^Triggers when /,
      creates: /^(?!Triggers |Finds )[A-Z][a-z]+s /,
      searches: /^Finds /,
    }[group];
    expect(op.display.description).toMatch(prefix);
    if (group === 'searches') expect(op.display.label).toMatch(/^Find /);
  });

  it.each(named)('%s: URLs in help text are markdown links (D008)', (_name, _group, op) => {
    for (const field of staticInputs(op)) {
      expect({ field: field.key, bare: (field.helpText ?? '').replace(MARKDOWN_LINK, '') }).toEqual(
        {
          field: field.key,
          bare: expect.not.stringMatching(BARE_URL),
        },
      );
    }
  });

  it.each(named)('%s: every output field is a key of the sample and back (D024)', (_n, _g, op) => {
    const sample = op.operation.sample ?? {};
    const outputs = op.operation.outputFields ?? [];
    const keys = sampleKeys(sample);
    const dicts = outputs.filter((f) => f.dict).map((f) => f.key);
    const covered = (key: string) =>
      outputs.some((f) => f.key === key) || dicts.some((d) => key.startsWith(`${d}__`));
    expect(outputs.filter((f) => !keys.includes(f.key) && !dicts.includes(f.key))).toEqual([]);
    expect(keys.filter((k) => !covered(k))).toEqual([]);
    for (const dict of dicts) expect(typeof valueAt(sample, dict)).toBe('object');
  });

  it.each(named)(
    '%s: the sample holds no keys of one shop (metadata, custom fields)',
    (_n, _g, op) => {
      const sample = op.operation.sample ?? {};
      for (const field of op.operation.outputFields ?? []) {
        if (!field.dict || FIXED_KEY_DICTS.test(field.key)) continue;
        expect({ [field.key]: valueAt(sample, field.key) }).toEqual({ [field.key]: {} });
      }
    },
  );

  it.each(named)('%s: a file in the sample is clearly marked as a sample', (_n, _g, op) => {
    for (const field of (op.operation.outputFields ?? []).filter((f) => f.type === 'file')) {
      expect(valueAt(op.operation.sample ?? {}, field.key)).toMatch(/sample/i);
    }
  });

  it.each(named)('%s: id inputs offer a dropdown, and searches resolve (D004)', (_n, _g, op) => {
    for (const field of staticInputs(op)) {
      if (ID_INPUTS.includes(field.key))
        expect({ [field.key]: field.dynamic }).toEqual({
          [field.key]: expect.stringMatching(/\w/),
        });
      if (field.search) {
        expect(field.dynamic).toBeDefined();
        const [searchKey, outputKey] = field.search.split('.');
        expect(Object.keys(searches)).toContain(searchKey);
        expect(sampleKeys(searches[searchKey].operation.sample)).toContain(outputKey);
      }
    }
  });

  it.each(named)(
    '%s: line items are read uncleaned, so no cell shifts (cleanInputData: false)',
    (_n, _g, op) => {
      if (staticInputs(op).some((f) => f.children?.length))
        expect(op.operation.cleanInputData).toBe(false);
    },
  );

  it.each(named)(
    '%s: dropdowns come from hidden triggers that page through (canPaginate)',
    (_n, _g, op) => {
      for (const field of staticInputs(op).filter((f) => f.dynamic)) {
        const [triggerKey, idKey, labelKey] = field.dynamic!.split('.');
        const source = triggers[triggerKey];
        expect(source).toBeDefined();
        expect(source.display.hidden).toBe(true);
        expect(Object.keys(source.operation.sample ?? {})).toEqual(
          expect.arrayContaining([idKey, labelKey]),
        );
        if (!SINGLE_CALL_DROPDOWNS.includes(triggerKey))
          expect({ [triggerKey]: source.operation.canPaginate }).toEqual({ [triggerKey]: true });
      }
    },
  );

  it('cannot mark operations important: the CLI 19 schema has no display.important', async () => {
    const checkout = triggers.checkout_session_completed;
    const marked = {
      ...App,
      triggers: {
        ...App.triggers,
        [checkout.key]: { ...checkout, display: { ...checkout.display, important: true } },
      },
    };
    expect(await validateApp(marked)).toEqual([
      expect.objectContaining({
        message: 'is not allowed to have the additional property "important"',
      }),
    ]);
  });

  it('every search-or-create pairs a registered search (its own key) with a registered create', () => {
    const pairs = Object.values(
      (App.searchOrCreates ?? {}) as Record<
        string,
        { key: string; search: string; create: string }
      >,
    );
    expect(pairs.map((p) => p.key)).toContain('find_payment_link');
    for (const pair of pairs) {
      expect(pair.key).toBe(pair.search);
      expect(Object.keys(searches)).toContain(pair.search);
      expect(Object.keys(App.creates ?? {})).toContain(pair.create);
    }
  });

  it("the Stripe key's help text links to the Dashboard's API keys page (D002)", () => {
    const key = App.authentication!.fields!.find((f) => f.key === 'stripe_secret_key')!;
    expect(key.helpText).toMatch(/\]\(https:\/\/dashboard\.stripe\.com\/(test\/)?apikeys\)/);
    for (const field of App.authentication!.fields ?? []) {
      expect((field.helpText ?? '').replace(MARKDOWN_LINK, '')).not.toMatch(BARE_URL);
    }
  });
});

describe('the review check itself', () => {
  it('flattens a sample the way Zapier shows it', () => {
    expect(
      sampleKeys({
        a: 1,
        cc: [],
        to: ['x'],
        meta: {},
        o: { b: null },
        lines: [{ p: 1 }, { q: 2 }],
      }),
    ).toEqual(['a', 'cc', 'to', 'meta', 'o__b', 'lines[]p', 'lines[]q']);
  });

  it('finds a bare URL but not a markdown link', () => {
    expect('see https://x.example'.replace(MARKDOWN_LINK, '')).toMatch(BARE_URL);
    expect('see [the page](https://x.example/a)'.replace(MARKDOWN_LINK, '')).not.toMatch(BARE_URL);
  });
});
