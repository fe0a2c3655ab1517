import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median, type BenchTable } from './table';

const RUNS = 7;
const SCENARIOS: [string, string][] = [
  ['core', "require('zapier-platform-core') alone"],
  ['app', 'App loaded (index.js → dist), no operation'],
  ['core+nock', 'core + nock loaded (baseline for the next row)'],
  [
    'app+connection-test',
    'App loaded + connection test performed (Stripe + Google, answered by nock)',
  ],
];

interface ChildResult {
  ms: number;
  rssMb: number;
  stripeLoaded: boolean;
}

function once(scenario: string): { wallMs: number; child: ChildResult } {
  const start = performance.now();
  const out = spawnSync(process.execPath, [path.join(__dirname, 'coldstart-child.js'), scenario], {
    encoding: 'utf8',
  });
  const wallMs = performance.now() - start;
  if (out.status !== 0) throw new Error(`cold start ${scenario} failed: ${out.stderr}`);
  const line = out.stdout.split('\n').find((l) => l.startsWith('COLDSTART '));
  if (!line)
    throw new Error(`cold start ${scenario} printed no result: ${out.stdout.slice(0, 200)}`);
  return { wallMs, child: JSON.parse(line.slice('COLDSTART '.length)) as ChildResult };
}

export async function run(): Promise<BenchTable[]> {
  const rows: (string | number)[][] = [];
  for (const [scenario, label] of SCENARIOS) {
    once(scenario); // warm the OS file cache; every measured run is still a fresh process
    const runs = Array.from({ length: RUNS }, () => once(scenario));
    rows.push([
      label,
      Math.round(median(runs.map((r) => r.wallMs))),
      Math.round(median(runs.map((r) => r.child.ms))),
      median(runs.map((r) => r.child.rssMb)).toFixed(0),
      runs[0].child.stripeLoaded ? 'yes' : 'no',
    ]);
  }
  const zip = path.resolve(__dirname, '..', '..', 'build', 'build.zip');
  const zipSize = fs.existsSync(zip)
    ? `${(fs.statSync(zip).size / 1024 / 1024).toFixed(2)} MB`
    : 'not built (run `npm run build:zip`)';
  return [
    {
      title: `Cold start (median of ${RUNS} fresh processes, Node ${process.version})`,
      columns: ['scenario', 'process wall ms', 'in-process ms', 'peak RSS MB', 'stripe loaded'],
      rows,
      notes: [
        '"process wall ms" is spawn to exit, including Node\'s own boot; "in-process ms" is from the first line of the script to the work done.',
        'The Stripe SDK loads on the first Stripe call, not at app load (lazy factory in lib/stripe/client.ts).',
        `build/build.zip: ${zipSize}.`,
      ],
    },
  ];
}
