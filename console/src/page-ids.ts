/** The ids of the pages that have a view (page-view.tsx maps each to its component). */
export const PAGE_IDS = [
  'card',
  'issue',
  'citizen',
  'verify',
  'history',
  'notices',
  'fraud',
  'units',
  'keys',
  'events',
  'replay',
  'receipt',
  'accountability',
] as const;

/** A page id. */
export type PageId = (typeof PAGE_IDS)[number];
