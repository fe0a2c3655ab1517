import fs from 'node:fs';
import path from 'node:path';
import { formatTable, type BenchTable } from './table';

/**
 * Runs every benchmark module in this folder (each exports `run(): Promise<BenchTable[]>`), in one
 * process, one after another, and prints their tables. `npm run bench -- NAME` runs only those.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  console.log(`Benchmarks on Node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as { run: () => Promise<BenchTable[]> };
    for (const table of await mod.run()) console.log(formatTable(table));
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
