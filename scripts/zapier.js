// Runs the zapier-platform CLI under Node 22 (it refuses older Node): see node22.js.
const { spawnSync } = require('child_process');
const path = require('path');
const { node22 } = require('./node22');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
let node;
try {
  node = node22();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
const result = spawnSync(node, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.cwd(), // npm runs scripts from the repository root; build-zip.js runs it in its stage
  env,
});
process.exit(result.status ?? 1);
