// Rewrites docs/stripe-keys.md's permissions table from the calls the conformance test sees.
process.env.UPDATE_PERMISSIONS = '1';
require('jest').run(['test/conformance.test.ts', '--silent']);
