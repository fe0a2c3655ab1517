/** Hydrators registered on the app (file fields such as the invoice PDF). Filled by the operations that dehydrate. */
const hydrators = {};

export default hydrators;
