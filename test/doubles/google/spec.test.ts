import { readFileSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveGoogleSpec, SPEC_FILE } = require('../../../scripts/derive-google-spec.js') as {
  deriveGoogleSpec(): unknown;
  SPEC_FILE: string;
};

describe("the Google double's rules", () => {
  it('are what the installed Google definitions say (else run scripts/derive-google-spec.js)', () => {
    expect(JSON.parse(readFileSync(SPEC_FILE, 'utf8'))).toEqual(deriveGoogleSpec());
  });
});
