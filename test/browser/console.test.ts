/// <reference lib="dom" />
// (functions passed to page.evaluate run in the browser)
/**
 * The browser console on the real network (issue 17): Debian's headless
 * Chromium, driven by playwright-core, signs in at each organisation's
 * gateway with the keys its first up issued and goes through one flow per
 * role the way a person would (fields found by their visible labels). The
 * pages run under the console's Content Security Policy; every page's script
 * errors, console errors and failed requests are collected and must be none.
 * Accessibility is checked with axe-core on every page in both languages.
 * With IDCARD_CONSOLE_SCREENSHOTS=DIR each page is also saved as DIR/<page>.png
 * (docs/console.md shows them).
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { networkDown, type ResolvedConfig } from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import { label, pagesOf } from '@idcard/console/testing';
import { expectStatus, type CommittedAnswer } from '../support/api-client';
import {
  launchChromium,
  openPage,
  signIn,
  watchedPage,
  zh,
  type WatchedPage,
} from '../support/console-browser';
import {
  fillAndSubmit,
  formOf,
  nextVerdict,
  screenshot,
  shownRecord,
  verifyInBrowser,
  type CardHolder,
} from '../support/console-flows';
import { startFullNetwork, UNIT_ADMIN, type FullNetwork } from '../support/full-network';

const SHOTS = process.env.IDCARD_CONSOLE_SCREENSHOTS;
const UNIT = 'unit-lib-0001';
const FIRST: CardHolder = {
  idNumber: idNumberFor('110105', '19900307', '123'),
  name: '测试甲一',
  validFrom: '2021-05-10',
  validUntil: '2041-05-10',
};
const SECOND: CardHolder = {
  idNumber: idNumberFor('310104', '19850815', '456'),
  name: '测试乙二',
  validFrom: '2020-03-01',
  validUntil: '2040-03-01',
};
const NEW_UNIT = 'HOTEL-0100';

describe('the console in a browser, on the real network', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  let browser: Browser;
  const watched: WatchedPage[] = [];
  const contexts: BrowserContext[] = [];

  const urlOf = (caller: string): string => net.gatewayOf(caller).url;
  const tab = async (options: { bypassCSP?: boolean } = {}): Promise<WatchedPage> => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
    contexts.push(context);
    const w = await watchedPage(context);
    watched.push(w);
    return w;
  };
  const complaints = (): string[] => watched.flatMap((w) => w.complaints);
  /** The browser logs a refused request as a failed resource: one with this status was the point here. */
  const expected = (w: WatchedPage, status: number): void => {
    const refused = `status of ${String(status)}`;
    const index = w.complaints.findIndex((c) => c.includes(refused));
    expect(index).toBeGreaterThanOrEqual(0);
    w.complaints.splice(index, 1);
  };
  const issueByApi = async (holder: CardHolder): Promise<string> => {
    const issued = expectStatus(
      await net.api.post<CommittedAnswer<{ cardRef: string }>>('/v1/cards', net.keys.officer1 ?? '', {
        ...holder,
        kind: 'RESIDENT_CARD',
        reasonCode: 'FIRST_ISSUE',
        occurredAt: `${holder.validFrom}T02:00:00Z`,
      }),
      201,
    );
    return issued.result.cardRef;
  };

  beforeAll(async () => {
    net = await startFullNetwork('console', (c) => {
      cfg = c;
    });
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    if (cfg !== undefined) await networkDown(cfg);
  }, 120_000);

  it('officer flow: issue a card, the unit verifies it in another tab (VALID), report it lost, verify again: INVALID/LOST', async () => {
    const officer = await tab();
    const unit = await tab();
    await signIn(officer.page, urlOf('officer1'), net.keys.officer1 ?? '');
    await openPage(officer.page, 'pageIssue');
    await fillAndSubmit(
      formOf(officer.page, 'issue'),
      {
        idNumber: FIRST.idNumber,
        name: FIRST.name,
        kind: 'RESIDENT_CARD',
        validFrom: FIRST.validFrom,
        validUntil: FIRST.validUntil,
        reasonCode: 'FIRST_ISSUE',
      },
      'issue',
    );
    await officer.page
      .getByTestId('card-state')
      .filter({ hasText: label('zh', 'VALID') })
      .waitFor({ timeout: 120_000 });
    await screenshot(officer.page, SHOTS, 'officer-issue');

    await signIn(unit.page, urlOf(UNIT), net.keys[UNIT] ?? '');
    const first = await verifyInBrowser(unit.page, FIRST);
    expect(first).toMatchObject({ result: 'VALID', reason: '' });
    expect(first.text).toContain(zh('verdictValid'));
    await screenshot(unit.page, SHOTS, 'unit-verify');

    await officer.page.bringToFront();
    await officer.page.getByRole('button', { name: zh('reportLost'), exact: true }).click();
    await officer.page
      .getByTestId('card-state')
      .filter({ hasText: label('zh', 'LOST') })
      .waitFor({ timeout: 120_000 });
    await officer.page.getByRole('list').filter({ hasText: '挂失' }).first().waitFor();

    await unit.page.bringToFront();
    const again = await verifyInBrowser(unit.page, FIRST);
    expect(again).toMatchObject({ result: 'INVALID', reason: 'LOST' });
    expect(again.text).toContain(zh('verdictInvalid', { reason: label('zh', 'LOST') }));

    // The ID number and name went in POST bodies only: not in any address, history entry or storage.
    for (const w of [officer, unit]) {
      const seen = await w.page.evaluate(() => {
        const all = (s: Storage) => JSON.stringify(Object.keys(s).map((k) => [k, s.getItem(k)]));
        return {
          url: location.href,
          session: all(sessionStorage),
          local: all(localStorage),
          cookies: document.cookie,
        };
      });
      for (const value of [seen.url, seen.session, seen.local, seen.cookies]) {
        expect(value).not.toContain(FIRST.idNumber.slice(0, 6));
        expect(value).not.toContain(FIRST.name);
      }
      expect(seen.local).toBe('[]');
    }
    expect(complaints()).toEqual([]);
  }, 600_000);

  it('officer: finds the card by ID number, sees its history, issues an eID token with its QR code; the unit verifies the pasted token; the citizen view lists who checked', async () => {
    await issueByApi(SECOND);
    const officer = await tab();
    const unit = await tab();
    await signIn(officer.page, urlOf('officer1'), net.keys.officer1 ?? '');
    await fillAndSubmit(formOf(officer.page, 'findCards'), { idNumber: SECOND.idNumber }, 'findCards');
    await officer.page
      .getByRole('button', { name: new RegExp(`^${zh('open')} `) })
      .first()
      .click();
    await officer.page.getByTestId('card-state').waitFor({ timeout: 60_000 });
    await officer.page
      .getByRole('region', { name: zh('history') })
      .getByText(label('zh', 'FIRST_ISSUE'))
      .waitFor();
    await fillAndSubmit(formOf(officer.page, 'issueEidToken'), { lifetimeSeconds: '600' }, 'issueEidToken');
    const token = (await officer.page.getByTestId('eid-token').textContent({ timeout: 120_000 })) ?? '';
    expect(token.length).toBeGreaterThan(20);
    const qr = officer.page.getByRole('img', { name: zh('tokenQr') });
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(officer.page, SHOTS, 'officer-card');

    await signIn(unit.page, urlOf(UNIT), net.keys[UNIT] ?? '');
    const before = await shownRecord(unit.page);
    await fillAndSubmit(formOf(unit.page, 'verifyToken'), { token }, 'verifyToken');
    expect(await nextVerdict(unit.page, before)).toMatchObject({ result: 'VALID' });
    // A token is good once.
    const used = await shownRecord(unit.page);
    await fillAndSubmit(formOf(unit.page, 'verifyToken'), { token }, 'verifyToken');
    expect(await nextVerdict(unit.page, used)).toMatchObject({ result: 'INVALID', reason: 'TOKEN_USED' });

    await officer.page.bringToFront();
    await openPage(officer.page, 'pageCitizen');
    await fillAndSubmit(
      formOf(officer.page, 'showChecks'),
      { idNumber: SECOND.idNumber, validFrom: SECOND.validFrom, readPurpose: 'CITIZEN_REQUEST' },
      'showChecks',
    );
    const checks = officer.page.getByRole('table', { name: zh('whoChecked') });
    await checks.waitFor({ timeout: 120_000 });
    expect(await checks.getByRole('row').count()).toBeGreaterThanOrEqual(2); // header + the token's checks
    expect(await checks.textContent()).toContain('LIB-0001');
    await screenshot(officer.page, SHOTS, 'officer-citizen');
    expect(complaints()).toEqual([]);
  }, 600_000);

  it('relying unit: a malformed ID number is refused with the problem shown and nothing written; its history, chart, status changes and a fraud report', async () => {
    const unit = await tab();
    await signIn(unit.page, urlOf(UNIT), net.keys[UNIT] ?? '');
    const heights = await net.api.get<{ items: unknown[] }>(
      '/v1/verifications?unitId=LIB-0001&pageSize=200',
      net.keys[UNIT] ?? '',
    );
    const count = expectStatus(heights, 200).items.length;
    await fillAndSubmit(
      formOf(unit.page, 'pageVerify'),
      {
        idNumber: `${FIRST.idNumber.slice(0, 17)}0`,
        name: FIRST.name,
        validFrom: FIRST.validFrom,
        validUntil: FIRST.validUntil,
      },
      'verify',
    );
    const alert = unit.page.getByRole('main').getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.getAttribute('data-problem-type')).toBe('urn:idcard:problem:validation');
    expect(await alert.textContent()).toContain('400');
    const after = expectStatus(
      await net.api.get<{ items: unknown[] }>(
        '/v1/verifications?unitId=LIB-0001&pageSize=200',
        net.keys[UNIT] ?? '',
      ),
      200,
    );
    expect(after.items.length).toBe(count);
    expected(unit, 400);

    await openPage(unit.page, 'pageHistory');
    const table = unit.page.getByRole('table', { name: zh('pageHistory') });
    await table.waitFor({ timeout: 60_000 });
    expect(await table.getByRole('row').count()).toBe(count + 1);
    // The charts load beside the list (one report per day): wait for them, do not race them.
    const dayChart = unit.page.getByRole('img', { name: new RegExp(zh('chartTitle')) });
    await dayChart.waitFor({ timeout: 60_000 });
    expect(await dayChart.count()).toBe(1);
    // The per-day chart counts every record of each day (the accountability report, day by day).
    const perDay = unit.page.getByRole('figure').filter({ hasText: zh('chartTitle') });
    await perDay.locator('tbody td').first().waitFor({ state: 'attached', timeout: 60_000 });
    const dayCounts = await perDay.locator('tbody td').allTextContents();
    expect(dayCounts.reduce((sum, n) => sum + Number(n), 0)).toBe(count);
    await screenshot(unit.page, SHOTS, 'unit-history');

    await openPage(unit.page, 'pageNotices');
    const notices = unit.page.getByRole('table', { name: zh('pageNotices') });
    await notices.waitFor({ timeout: 60_000 });
    expect(await notices.textContent()).toContain(label('zh', 'LOST'));
    const cardRef = (await notices.locator('code').first().textContent()) ?? '';
    await screenshot(unit.page, SHOTS, 'unit-notices');

    await openPage(unit.page, 'pageFraud');
    await fillAndSubmit(
      formOf(unit.page, 'reportFraud'),
      { cardRef, category: 'REPORTED_LOST_IN_USE' },
      'reportFraud',
    );
    await unit.page
      .getByRole('status')
      .filter({ hasText: zh('reported', { reportId: '' }).trim() })
      .waitFor({ timeout: 120_000 });
    await screenshot(unit.page, SHOTS, 'unit-fraud');
    expect(complaints()).toEqual([]);
  }, 600_000);

  it('operator and unit admin: register a unit, issue its key, the unit verifies; suspended it is DENIED; reinstated; a revoked key cannot sign in', async () => {
    const operator = await tab();
    await signIn(operator.page, urlOf('operator1'), net.keys.operator1 ?? '');
    const register = formOf(operator.page, 'register');
    await register.getByLabel(label('zh', 'HOTEL_CHECKIN')).check();
    await fillAndSubmit(
      register,
      { unitId: NEW_UNIT, displayName: '测试旅馆', category: 'HOTEL' },
      'register',
    );
    const units = operator.page.getByRole('table', { name: zh('pageUnits') });
    await units.getByRole('cell', { name: NEW_UNIT, exact: true }).waitFor({ timeout: 120_000 });

    const admin = await tab();
    await signIn(admin.page, urlOf(UNIT_ADMIN), net.keys[UNIT_ADMIN] ?? '');
    await fillAndSubmit(formOf(admin.page, 'issueKey'), { unitId: NEW_UNIT }, 'issueKey');
    const key = (await admin.page.getByTestId('issued-key').textContent({ timeout: 120_000 })) ?? '';
    const keyId = /^idk_([0-9a-f]{16})_/.exec(key)?.[1] ?? '';
    expect(keyId).not.toBe('');
    await screenshot(admin.page, SHOTS, 'unit-admin-keys');

    const hotel = await tab();
    await signIn(hotel.page, urlOf(UNIT), key);
    expect(await hotel.page.getByText(NEW_UNIT).first().textContent()).toContain(NEW_UNIT);
    expect(await verifyInBrowser(hotel.page, SECOND)).toMatchObject({ result: 'VALID' });

    await operator.page.bringToFront();
    await operator.page.getByRole('button', { name: `${zh('open')} ${NEW_UNIT}` }).click();
    await fillAndSubmit(
      operator.page.getByRole('region', { name: NEW_UNIT }).getByRole('form', { name: zh('suspend') }),
      { suspendReason: 'AUDIT_REVIEW' },
      'suspend',
    );
    await units
      .getByRole('row')
      .filter({ hasText: NEW_UNIT })
      .filter({ hasText: label('zh', 'SUSPENDED') })
      .waitFor({ timeout: 120_000 });
    await screenshot(operator.page, SHOTS, 'operator-units');

    await hotel.page.bringToFront();
    expect(await verifyInBrowser(hotel.page, SECOND)).toMatchObject({
      result: 'DENIED',
      reason: 'UNIT_SUSPENDED',
    });

    await operator.page.bringToFront();
    await operator.page
      .getByRole('region', { name: NEW_UNIT })
      .getByRole('button', { name: zh('reinstate') })
      .click();
    await units
      .getByRole('row')
      .filter({ hasText: NEW_UNIT })
      .filter({ hasText: label('zh', 'ACTIVE') })
      .waitFor({ timeout: 120_000 });

    await admin.page.bringToFront();
    await fillAndSubmit(formOf(admin.page, 'revokeKey'), { keyId }, 'revokeKey');
    await admin.page
      .getByRole('status')
      .filter({ hasText: zh('revoked', { keyId }) })
      .waitFor({ timeout: 60_000 });
    const again = await tab();
    await again.page.goto(`${urlOf(UNIT)}/console/`);
    await again.page.getByLabel(zh('apiKey')).fill(key);
    await again.page.getByRole('button', { name: zh('signIn') }).click();
    await again.page
      .getByRole('alert')
      .filter({ hasText: zh('unknownKey') })
      .waitFor({ timeout: 30_000 });
    expect(await again.page.getByRole('navigation', { name: zh('navigation') }).count()).toBe(0);
    expected(again, 401); // the refused sign-in
    expect(complaints()).toEqual([]);
  }, 600_000);

  it("auditor: live events, every unit's accountability, a real receipt accepted and an altered one refused, a clean replay", async () => {
    const auditor = await tab();
    await signIn(auditor.page, urlOf('auditor1'), net.keys.auditor1 ?? '');
    await auditor.page.getByRole('button', { name: zh('follow') }).click();
    await auditor.page.getByRole('button', { name: zh('stop') }).waitFor();
    const answer = expectStatus(
      await net.api.post<CommittedAnswer<unknown> & { receipt: unknown }>(
        '/v1/verifications',
        net.keys[UNIT] ?? '',
        {
          ...SECOND,
          purpose: 'LIBRARY_MEMBERSHIP',
        },
      ),
      200,
    );
    await auditor.page.getByRole('cell', { name: 'CardVerified' }).first().waitFor({ timeout: 120_000 });
    expect(await auditor.page.getByRole('table', { name: zh('pageEvents') }).textContent()).not.toContain(
      SECOND.idNumber.slice(0, 6),
    );
    await screenshot(auditor.page, SHOTS, 'auditor-events');

    await openPage(auditor.page, 'pageAccountability');
    const chart = auditor.page.getByRole('figure');
    await chart.getByRole('img').waitFor({ timeout: 120_000 });
    expect(await chart.textContent()).toContain('LIB-0001');
    await screenshot(auditor.page, SHOTS, 'auditor-accountability');

    await openPage(auditor.page, 'pageReceipt');
    const receiptText = JSON.stringify(answer.receipt, null, 2);
    const check = async (text: string): Promise<string | null> => {
      await auditor.page.getByLabel(zh('receiptJson')).fill(text);
      await auditor.page.getByRole('button', { name: zh('checkReceipt') }).click();
      const verdict = auditor.page.locator('[data-accepted]');
      await verdict.waitFor({ timeout: 120_000 });
      const accepted = await verdict.getAttribute('data-accepted');
      await auditor.page.getByLabel(zh('receiptJson')).fill('');
      return accepted;
    };
    expect(await check(receiptText)).toBe('true');
    await screenshot(auditor.page, SHOTS, 'auditor-receipt');
    const altered = JSON.parse(receiptText) as { record: { unitId: string } };
    altered.record.unitId = 'LIB-0002';
    await auditor.page.reload();
    expect(await check(JSON.stringify(altered))).toBe('false');

    await openPage(auditor.page, 'pageReplay');
    await auditor.page.getByRole('button', { name: zh('runReplay') }).click();
    const replay = auditor.page.locator('[data-ok]');
    await replay.waitFor({ timeout: 300_000 });
    expect(await replay.getAttribute('data-ok')).toBe('true');
    expect(await auditor.page.getByRole('figure').textContent()).toContain('LIB-0001');
    await screenshot(auditor.page, SHOTS, 'auditor-replay');
    expect(complaints()).toEqual([]);
  }, 900_000);

  it('every page of every role passes axe-core (WCAG 2 A/AA: no serious or critical violation), in Chinese and in English', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const callers: Record<string, string> = {
      officer: 'officer1',
      verifier: UNIT,
      operator: 'operator1',
      'unit-admin': UNIT_ADMIN,
      auditor: 'auditor1',
    };
    const found: string[] = [];
    const audit = async (page: Page, where: string): Promise<void> => {
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(
                ctx: Document,
                o: unknown,
              ): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${String(v.nodes.length)})`);
      });
      for (const v of violations) found.push(`${where}: ${v}`);
    };
    // axe is injected as a script, which the console's CSP forbids: these tabs bypass it.
    const w = await tab({ bypassCSP: true });
    await w.page.goto(`${urlOf('officer1')}/console/`);
    await audit(w.page, 'sign-in');
    for (const [role, caller] of Object.entries(callers)) {
      await signIn(w.page, urlOf(caller), net.keys[caller] ?? '');
      for (const lang of ['zh', 'en'] as const) {
        for (const p of pagesOf(role)) {
          await w.page.goto(`${urlOf(caller)}/console/#/${p.id}`);
          await w.page.getByRole('heading', { level: 2 }).first().waitFor();
          await w.page.waitForLoadState('networkidle').catch(() => undefined);
          await audit(w.page, `${role}/${p.id}/${lang}`);
        }
        if (lang === 'zh') await w.page.getByRole('button', { name: zh('switchLanguage') }).click();
      }
      await w.page.getByRole('button', { name: /Sign out|退出/ }).click();
      await w.page.getByRole('button', { name: '中文' }).click(); // back to Chinese for the next sign-in
    }
    expect(found).toEqual([]);
  }, 600_000);
});
