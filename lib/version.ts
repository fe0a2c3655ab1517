/** Kept equal to package.json's version (a test checks it); sent to Stripe as app info. */
export const APP_NAME = 'Stripe Payment Links for Zapier';
export const APP_VERSION = '1.0.0';
