#!/usr/bin/env node
// npm run mutate [-- lib/money.ts …]: Stryker over each module of stryker.config.mjs in turn, with
// only that module's tests, then one table of scores. Reports: reports/mutation/<module>.html|json.
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

async function main() {
  const { MODULES } = await import('../stryker.config.mjs');
  const asked = process.argv.slice(2);
  const unknown = asked.filter((m) => !MODULES[m]);
  if (unknown.length) {
    console.error(
      `Not configured: ${unknown.join(', ')}. Modules: ${Object.keys(MODULES).join(', ')}`,
    );
    process.exit(2);
  }
  const modules = asked.length ? asked : Object.keys(MODULES);
  const rows = [];
  for (const module of modules) {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'),
        'run',
        'stryker.config.mjs',
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, MUTATE_MODULE: module } },
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    if (run.status !== 0) {
      rows.push({ module, score: 'failed', seconds });
      continue;
    }
    rows.push({ module, ...score(module), seconds });
  }
  console.log(`\nMutation scores (Node ${process.versions.node})`);
  console.table(rows);
  if (rows.some((r) => r.score === 'failed')) process.exit(1);
}

function score(module) {
  const name = module
    .replace(/^lib\//, '')
    .replace(/\.ts$/, '')
    .replace(/\//g, '-');
  const report = JSON.parse(
    readFileSync(join(root, 'reports', 'mutation', `${name}.json`), 'utf8'),
  );
  const counts = {};
  for (const file of Object.values(report.files))
    for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return {
    score: valid ? `${((100 * detected) / valid).toFixed(1)}%` : 'n/a',
    killed: detected,
    survived: counts.Survived ?? 0,
    noCoverage: counts.NoCoverage ?? 0,
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
