import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeStripe } from './fake-stripe';
import { median, type BenchTable } from './table';
import { unzip, zipContents } from './zip-contents';

const RUNS = 11;
const SCENARIOS: [string, string][] = [
  ['core', "require('zapier-platform-core') alone"],
  ['bare-https', 'Floor: a bare app (none of our code), the same two calls over https'],
  ['bare-stripe-sdk', "Floor: a bare app, the same two calls through Stripe's SDK"],
  ['app', 'Our app loaded, no operation'],
  [
    'app+stripe-operation',
    'Our app loaded + one Stripe operation (Find Checkout Session: list, retrieve)',
  ],
];
/** Goal: app load + one Stripe operation within this many times core's own load. */
const GOAL = 1.3;

interface ChildResult {
  ms: number;
  rssMb: number;
}

async function once(
  scenario: string,
  appDir: string,
  port: number,
): Promise<{ wallMs: number; child: ChildResult }> {
  const start = performance.now();
  const child = spawn(process.execPath, [
    path.join(__dirname, 'coldstart-child.js'),
    scenario,
    appDir,
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
  const session = {
    ...(JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '../../test/fixtures/foundation/checkout_session.json'),
        'utf8',
      ),
    ) as object),
    client_reference_id: 'order-1042',
    created: Math.floor(Date.now() / 1000) - 60,
  };
  const fake = await startFakeStripe({
    latencyMs: 0,
    ratePerSecond: 1000,
    routes: [
      (req) =>
        req.path === '/v1/checkout/sessions'
          ? { status: 200, body: { object: 'list', data: [session], has_more: false } }
          : null,
      (req) =>
        req.path.startsWith('/v1/checkout/sessions/') ? { status: 200, body: session } : null,
    ],
  });
  const repo = path.resolve(__dirname, '..', '..');
  const zip = path.join(repo, 'build', 'build.zip');
  const folders: [string, string][] = [['repository (dist/ + node_modules)', repo]];
  let unpacked: string | null = null;
  if (fs.existsSync(zip)) {
    unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'coldstart-zip-'));
    unzip(zip, unpacked);
    folders.push(['build/build.zip, unpacked', unpacked]);
  }
  const rows: (string | number)[][] = [];
  const ratios: string[] = [];
  const floors: string[] = [];
  try {
    // Round-robin over folders and scenarios, so a busy moment of the machine hits them all alike.
    const cases = folders.flatMap(([where, dir]) =>
      SCENARIOS.map(([scenario, label]) => ({ where, dir, scenario, label })),
    );
    const results = cases.map(() => [] as { wallMs: number; child: ChildResult }[]);
    for (const c of cases) await once(c.scenario, c.dir, fake.port); // warm the OS file cache
    for (let i = 0; i < RUNS; i += 1) {
      for (const [k, c] of cases.entries())
        results[k].push(await once(c.scenario, c.dir, fake.port));
    }
    const ms = (k: number) => median(results[k].map((r) => r.child.ms));
    for (const [k, c] of cases.entries()) {
      const core = cases.findIndex((x) => x.dir === c.dir && x.scenario === 'core');
      rows.push([
        c.where,
        c.label,
        Math.round(median(results[k].map((r) => r.wallMs))),
        Math.round(ms(k)),
        (ms(k) / ms(core)).toFixed(2),
        median(results[k].map((r) => r.child.rssMb)).toFixed(0),
      ]);
      if (c.scenario === 'app+stripe-operation')
        ratios.push(`${c.where}: ${(ms(k) / ms(core)).toFixed(2)}×`);
      if (c.scenario === 'bare-stripe-sdk') {
        const ours = cases.findIndex(
          (x) => x.dir === c.dir && x.scenario === 'app+stripe-operation',
        );
        floors.push(
          `${c.where}: ${(ms(k) / ms(core)).toFixed(2)}× (ours is ${(ms(ours) / ms(k)).toFixed(2)}× that floor)`,
        );
      }
    }
  } finally {
    await fake.close();
    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
  }
  const build = buildContents();
  return [
    {
      title: `Cold start (median of ${RUNS} fresh processes, Node ${process.version})`,
      columns: [
        'loaded from',
        'scenario',
        'process wall ms',
        'in-process ms',
        '× core alone',
        'peak RSS MB',
      ],
      rows,
      notes: [
        '"process wall ms" is spawn to exit, including Node\'s own boot; "in-process ms" is from the first line of the script to the work done ("× core alone" compares these, in the same folder).',
        `Our app load + one Stripe operation, × core alone: ${ratios.join('; ')}. Goal: ≤ ${GOAL}×. A bare app making the same calls through Stripe's SDK (loaded the same way, from the same folder): ${floors.join('; ')}.`,
        "Every call goes to a loopback server (no nock to load) and is logged once by core's HTTP patch, as on Zapier; the Stripe SDK loads on the first Stripe call, not at app load.",
      ],
    },
    {
      title: `build/build.zip: ${build.summary} — largest packages (compressed)`,
      columns: ['package or file', 'kB', 'share'],
      rows: build.rows,
      notes: [
        "`npm run build:zip` (scripts/build-zip.js): the app bundled into dist/index.js, stripe and nodemailer's composer each in a file of dist/vendor/ loaded on first use, and zapier-platform-core with its runtime dependencies only. Goal: ≤ 1.2 MB.",
      ],
    },
  ];
}
