import type { Bundle, ZObject } from 'zapier-platform-core';

/**
 * Files handed to later steps. Stripe's invoice PDF link needs no credentials; it is fetched only
 * when a later step actually uses the file (hydration), never when the trigger fires.
 */
export const invoicePdf = async (
  z: ZObject,
  bundle: Bundle<{ url?: string; filename?: string }>,
) => {
  const url = String(bundle.inputData.url ?? '');
  if (!/^https:\/\//.test(url))
    throw new z.errors.Error(
      'The invoice PDF link is missing or not https.',
      'invalid_pdf_url',
      400,
    );
  const response = await z.request({ url, raw: true });
  const length = Number(response.getHeader('content-length')) || undefined;
  return z.stashFile(
    response.body,
    length,
    bundle.inputData.filename || 'invoice.pdf',
    'application/pdf',
  );
};

const hydrators = { invoicePdf };

export default hydrators;
