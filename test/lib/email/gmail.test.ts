import { RAW_JSON_MAX_MIME_BYTES, sendRouteFor } from '../../../lib/email/gmail';

describe('sendRouteFor', () => {
  it('sends small messages as raw JSON and larger ones through the upload endpoint', () => {
    expect(sendRouteFor(10_000)).toBe('raw');
    expect(sendRouteFor(RAW_JSON_MAX_MIME_BYTES)).toBe('raw');
    expect(sendRouteFor(RAW_JSON_MAX_MIME_BYTES + 1)).toBe('upload');
  });

  it('keeps the JSON request under 5 MB (base64url grows the MIME by 4/3)', () => {
    expect(Math.ceil((RAW_JSON_MAX_MIME_BYTES * 4) / 3)).toBeLessThan(5_000_000);
  });
});
