/** Which pages each role sees (a page a role may not use is not shown; the gateway refuses it anyway). */
import type { MessageKey } from './messages-en';
import type { PageId } from './page-ids';

/** A page's id (the address after #/) and its title. */
export interface PageRef {
  readonly id: PageId;
  readonly title: MessageKey;
}

export const PAGES_BY_ROLE: Readonly<Record<string, readonly PageRef[]>> = {
  officer: [
    { id: 'card', title: 'pageCard' },
    { id: 'issue', title: 'pageIssue' },
    { id: 'citizen', title: 'pageCitizen' },
  ],
  verifier: [
    { id: 'verify', title: 'pageVerify' },
    { id: 'history', title: 'pageHistory' },
    { id: 'notices', title: 'pageNotices' },
    { id: 'fraud', title: 'pageFraud' },
  ],
  operator: [
    { id: 'units', title: 'pageUnits' },
    { id: 'keys', title: 'pageKeys' },
  ],
  'unit-admin': [{ id: 'keys', title: 'pageKeys' }],
  auditor: [
    { id: 'events', title: 'pageEvents' },
    { id: 'replay', title: 'pageReplay' },
    { id: 'receipt', title: 'pageReceipt' },
    { id: 'accountability', title: 'pageAccountability' },
  ],
};

/** The pages of a role (none for a role without pages, e.g. pseudonym-client). */
export function pagesOf(role: string): readonly PageRef[] {
  return PAGES_BY_ROLE[role] ?? [];
}

/** The page to show for an address: the one named, else the role's first. */
export function currentPage(role: string, hash: string): PageRef | undefined {
  const pages = pagesOf(role);
  const id = hash.replace(/^#\/?/, '');
  return pages.find((p) => p.id === id) ?? pages[0];
}
