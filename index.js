// Zapier loads the app from ./index.js (see zapierwrapper.js); the TypeScript source compiles to dist/.
let app;
try {
  app = require('./dist/index.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && /dist[\\/]index\.js/.test(err.message)) {
    throw new Error('The app is not compiled yet: run `npm run build` first.');
  }
  throw err;
}
module.exports = app.default;
