// Offline schema validation of the compiled app (the same checks `zapier-platform validate` runs
// locally), printing every problem. Exit code 1 when there is any.
const zapier = require('zapier-platform-core');
const path = require('path');

async function main() {
  const App = require(path.resolve(__dirname, '..'));
  const { results } = await zapier.createAppHandler(App)({
    command: 'validate',
    calledFromCli: true,
  });
  if (results.length === 0) {
    const count = (group) => Object.keys(App[group] || {}).length;
    console.log(
      `Schema validation: 0 problems (${count('triggers')} triggers, ${count('creates')} creates, ${count('searches')} searches).`,
    );
    return;
  }
  console.error(`Schema validation: ${results.length} problem(s)`);
  for (const problem of results) console.error(`- ${problem.property}: ${problem.message}`);
  process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
