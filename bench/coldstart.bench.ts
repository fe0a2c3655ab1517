import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeStripe } from './fake-stripe';
import { median, type BenchTable } from './table';
import { zipContents } from './zip-contents';

const RUNS = 7;
const SCENARIOS: [string, string][] = [
  ['core', "require('zapier-platform-core') alone"],
  ['app', 'App loaded (index.js → dist), no operation'],
  ['core+nock', 'core + nock loaded (baseline for the next row)'],
  [
    'app+connection-test',
    'App loaded + connection test performed (Stripe + Google, answered by nock)',
  ],
  [
    'app+stripe-operation',
    'App loaded + one Stripe operation (retrieve an order, loopback Stripe)',
  ],
];
/** Goal: app load + one Stripe operation within this many times core's own load. */
const GOAL = 1.3;

interface ChildResult {
  ms: number;
  rssMb: number;
  stripeLoaded: boolean;
}

async function once(
  scenario: string,
  port: number,
): Promise<{ wallMs: number; child: ChildResult }> {
  const start = performance.now();
  const child = spawn(process.execPath, [
    path.join(__dirname, 'coldstart-child.js'),
    scenario,
    String(port),
  ]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - start;
  if (status !== 0) throw new Error(`cold start ${scenario} failed: ${stderr}`);
  const line = stdout.split('\n').find((l) => l.startsWith('COLDSTART '));
  if (!line) throw new Error(`cold start ${scenario} printed no result: ${stdout.slice(0, 200)}`);
  return { wallMs, child: JSON.parse(line.slice('COLDSTART '.length)) as ChildResult };
}

/** build/build.zip: its size and its largest packages (a row each). */
function buildContents(): { summary: string; rows: (string | number)[][] } {
  const zip = path.resolve(__dirname, '..', '..', 'build', 'build.zip');
  if (!fs.existsSync(zip)) return { summary: 'not built (run `npm run build:zip`)', rows: [] };
  const { total, entries, byPackage } = zipContents(zip);
  const rows = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, bytes]) => [
      name,
      (bytes / 1024).toFixed(0),
      `${((bytes / total) * 100).toFixed(0)}%`,
    ]);
  return { summary: `${(total / 1024 / 1024).toFixed(2)} MB, ${entries} files`, rows };
}

export async function run(): Promise<BenchTable[]> {
  const template = JSON.parse(
    fs.readFileSync(
      path.join(__dirname, '../../test/fixtures/foundation/checkout_session.json'),
      'utf8',
    ),
  ) as object;
  const fake = await startFakeStripe({
    latencyMs: 0,
    ratePerSecond: 1000,
    routes: [
      (req) =>
        req.method === 'GET' && req.path.startsWith('/v1/checkout/sessions/')
          ? { status: 200, body: template }
          : null,
    ],
  });
  const rows: (string | number)[][] = [];
  const medians = new Map<string, number>();
  try {
    for (const [scenario, label] of SCENARIOS) {
      await once(scenario, fake.port); // warm the OS file cache; every measured run is still a fresh process
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await once(scenario, fake.port));
      medians.set(scenario, median(runs.map((r) => r.child.ms)));
      rows.push([
        label,
        Math.round(median(runs.map((r) => r.wallMs))),
        Math.round(medians.get(scenario)!),
        (medians.get(scenario)! / medians.get('core')!).toFixed(2),
        median(runs.map((r) => r.child.rssMb)).toFixed(0),
        runs[0].child.stripeLoaded ? 'yes' : 'no',
      ]);
    }
  } finally {
    await fake.close();
  }
  const build = buildContents();
  return [
    {
      title: `Cold start (median of ${RUNS} fresh processes, Node ${process.version})`,
      columns: [
        'scenario',
        'process wall ms',
        'in-process ms',
        '× core alone',
        'peak RSS MB',
        'stripe loaded',
      ],
      rows,
      notes: [
        '"process wall ms" is spawn to exit, including Node\'s own boot; "in-process ms" is from the first line of the script to the work done ("× core alone" compares these).',
        `Goal: app load + one Stripe operation within ${GOAL}× core alone. The Stripe SDK loads on the first Stripe call, not at app load (lazy factory in lib/stripe/client.ts).`,
      ],
    },
    {
      title: `build/build.zip: ${build.summary} — largest packages (compressed)`,
      columns: ['package or folder', 'kB', 'share'],
      rows: build.rows,
      notes: [
        'Built by `npm run build:zip` from a staged copy holding the runtime dependencies only (scripts/build-zip.js). Goal: ≤ 1.2 MB.',
      ],
    },
  ];
}
