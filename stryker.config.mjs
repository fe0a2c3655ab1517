// Mutation testing (npm run mutate; not part of CI: it takes minutes per module). Stryker changes
// one thing at a time in a module (a `<` into `<=`, a string emptied, a branch removed) and runs
// that module's tests against each change: a change no test notices is a "survivor".
// `scripts/mutate.js` runs one module at a time (MUTATE_MODULE) with only its own tests.

/** Each module under mutation and the jest files that test it. */
export const MODULES = {
  'lib/money.ts': ['test/lib/money.test.ts'],
  'lib/webhooks/signature.ts': ['test/lib/webhooks/signature.test.ts'],
  'lib/cache.ts': ['test/lib/cache.test.ts'],
  'lib/refunds/plan.ts': ['test/lib/refunds/plan.test.ts', 'test/lib/refunds/plan-several.test.ts'],
  'lib/sheets/row.ts': ['test/lib/sheets/sheets-pure.test.ts'],
  'lib/scan/windows.ts': ['test/lib/scan/windows.test.ts', 'test/lib/scan/scanner.test.ts'],
  'lib/email/compose.ts': ['test/lib/email/compose.test.ts'],
};

const only = process.env.MUTATE_MODULE;
if (only && !MODULES[only])
  throw new Error(`MUTATE_MODULE=${only} is not one of: ${Object.keys(MODULES).join(', ')}`);
const modules = only ? [only] : Object.keys(MODULES);
const tests = [...new Set(modules.flatMap((m) => MODULES[m]))];
const report = only
  ? only
      .replace(/^lib\//, '')
      .replace(/\.ts$/, '')
      .replace(/\//g, '-')
  : 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Only the module's own tests, not every file that happens to import it.
    enableFindRelatedTests: false,
    config: { testMatch: tests.map((t) => `<rootDir>/${t}`) },
  },
  mutate: modules,
  coverageAnalysis: 'perTest',
  // The machine is shared: at most two test processes (MUTATE_CONCURRENCY overrides).
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  // A mutant that loops (a scan that never ends) is a timeout, which counts as noticed.
  timeoutMS: 5000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'build', 'coverage', 'reports', 'docs', '.ci'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
};
