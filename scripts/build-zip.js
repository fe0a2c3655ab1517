// build/build.zip with only what the app loads at run time. The CLI's build zips the files its
// esbuild scan reaches plus EVERY package.json under the app folder — in the repository that is
// the package.json of each development dependency (jest, yeoman, oclif…), and node-fetch's
// optional `encoding` (180 kB) that nothing here uses. So the build runs in a staged copy: the
// sources (for source.zip), the app as one file, and node_modules holding zapier-platform-core's
// runtime dependencies only.
//
// The app file (dist/index.js) is dist bundled by the same esbuild the CLI uses; each package the
// app loads on first use (stripe, nodemailer's composer) is bundled into its own file under
// dist/vendor/, required where the app required the package. So a Sheets or Gmail step never
// reads or compiles Stripe's 0.9 MB, and a Stripe step loads the SDK from one file instead of ~220.
// zapier-platform-core stays a package (Zapier's wrapper loads it too).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
// Outside the repository: esbuild would otherwise find packages in its node_modules up the tree.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'zapier-stage-'));
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const CORE = 'zapier-platform-core';

/** The package folder `name` resolves to from `fromDir`, as Node looks it up. */
function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
  }
}

/**
 * Package folders reachable from `names` through `dependencies` and `optionalDependencies`
 * (never dev or peer).
 */
function runtimePackages(names) {
  const found = new Set();
  const visit = (pkgDir, only) => {
    const pkg = readJson(path.join(pkgDir, 'package.json'));
    const names = only ?? Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    for (const name of names) {
      const dir = resolvePackage(name, pkgDir);
      if (!dir) {
        if (pkg.optionalDependencies?.[name]) continue;
        throw new Error(`${name} (needed by ${pkg.name}) is not installed: run npm ci`);
      }
      if (found.has(dir)) continue;
      found.add(dir);
      visit(dir);
    }
  };
  visit(root, names);
  return [...found];
}

function copy(from, to, filter = () => true) {
  fs.cpSync(from, to, { recursive: true, filter: (src) => filter(src) });
}

// Sources as git sees them (tracked or not ignored), so source.zip stays what the repository holds.
const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
});
if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
for (const file of listed.stdout.split('\n').filter(Boolean)) {
  if (!fs.existsSync(path.join(root, file))) continue;
  fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
  fs.copyFileSync(path.join(root, file), path.join(stage, file));
}
const cliDir = path.join(root, 'node_modules', 'zapier-platform-cli');
const esbuild = require(require.resolve('esbuild', { paths: [cliDir] }));
const nodeTarget = `node${readJson(path.join(root, 'package.json')).engines.node.match(/\d+/)[0]}`;
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: nodeTarget,
  logLevel: 'warning',
};
/** Packages bundled into their own file (every import path of them, e.g. `nodemailer/lib/…`). */
const VENDORED = /^(stripe|nodemailer)(\/.*)?$/;
const vendorFile = (specifier) => `vendor/${specifier.replace(/[^a-z0-9]+/gi, '-')}.js`;

async function bundle() {
  const vendored = new Set();
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'dist', 'index.js')],
    outfile: path.join(stage, 'dist', 'index.js'),
    external: [CORE],
    plugins: [
      {
        name: 'vendor-files',
        setup(build) {
          build.onResolve({ filter: VENDORED }, ({ path: specifier }) => {
            vendored.add(specifier);
            return { path: `./${vendorFile(specifier)}`, external: true };
          });
        },
      },
    ],
  });
  if (!vendored.has('stripe')) throw new Error('the app no longer requires stripe: check VENDORED');
  for (const specifier of vendored) {
    await esbuild.build({
      ...common,
      stdin: {
        contents: `module.exports = require(${JSON.stringify(specifier)});`,
        resolveDir: root,
      },
      outfile: path.join(stage, 'dist', vendorFile(specifier)),
    });
  }
}

async function main() {
  try {
    await build();
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

async function build() {
  await bundle();
  // The app's package.json without the build hook (dist is built) and without dev dependencies.
  const pkg = readJson(path.join(root, 'package.json'));
  delete pkg.devDependencies;
  delete pkg.scripts;
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);

  for (const dir of runtimePackages([CORE])) {
    const target = path.join(stage, path.relative(root, dir));
    // Nested node_modules are runtime packages of their own, copied when reached.
    copy(dir, target, (src) => src === dir || !path.relative(dir, src).includes('node_modules'));
  }

  const built = spawnSync(
    process.execPath,
    [path.join(__dirname, 'zapier.js'), 'build', ...process.argv.slice(2)],
    { cwd: stage, stdio: 'inherit' },
  );
  if (built.status !== 0) {
    process.exitCode = built.status ?? 1;
    return;
  }
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  for (const name of ['build.zip', 'source.zip']) {
    fs.copyFileSync(path.join(stage, 'build', name), path.join(root, 'build', name));
  }
  console.log(
    `build/build.zip: ${(fs.statSync(path.join(root, 'build', 'build.zip')).size / 1024 / 1024).toFixed(2)} MB`,
  );
}

try {
  // Fail before any staging: the CLI's build refuses Node < 22 (Linux x64 gets it from npm ci).
  require('./node22').node22();
} catch (err) {
  console.error(
    `npm run build:zip needs Node 22 (the zapier-platform CLI builds the zip). ${err.message}`,
  );
  process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
