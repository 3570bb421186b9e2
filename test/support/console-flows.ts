/// <reference lib="dom" />
// (functions passed to page.evaluate run in the browser)
/**
 * What a person does in the console, as steps the browser suite reuses:
 * fill a labelled form and submit it, verify a card as a relying unit and
 * read the verdict, issue a card as an officer. Every step finds fields by
 * their visible (Chinese) labels, so a field without a label fails the test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { MessageKey } from '@idcard/console/testing';
import { zh } from './console-browser';

/** A person and the dates printed on their card. */
export interface CardHolder {
  readonly idNumber: string;
  readonly name: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** The form titled `title` in the page's main part. */
export function formOf(page: Page, title: MessageKey): Locator {
  return page.getByRole('main').getByRole('form', { name: zh(title) });
}

/** Fills fields by their labels (text, date or select) and submits with the button `submit`. */
export async function fillAndSubmit(
  form: Locator,
  fields: Readonly<Partial<Record<MessageKey, string>>>,
  submit: MessageKey,
): Promise<void> {
  for (const [key, value] of Object.entries(fields) as [MessageKey, string][]) {
    const field = form.getByLabel(zh(key), { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.getByRole('button', { name: zh(submit), exact: true }).click();
}

/** The verdict a relying unit's page shows, once a new one (another record) is there. */
export async function nextVerdict(
  page: Page,
  previousRecord: string | undefined,
): Promise<{ result: string; reason: string; recordId: string; text: string }> {
  await page.waitForFunction(
    (prev) => {
      const v = document.querySelector<HTMLElement>('.verdict');
      return v !== null && v.dataset.recordId !== prev;
    },
    previousRecord ?? '',
    { timeout: 120_000 },
  );
  const v = page.locator('.verdict').first();
  return {
    result: (await v.getAttribute('data-result')) ?? '',
    reason: (await v.getAttribute('data-reason')) ?? '',
    recordId: (await v.getAttribute('data-record-id')) ?? '',
    text: (await v.textContent()) ?? '',
  };
}

/** The record id of the verdict shown now, if any. */
export async function shownRecord(page: Page): Promise<string | undefined> {
  const v = page.locator('.verdict');
  return (await v.count()) === 0
    ? undefined
    : ((await v.first().getAttribute('data-record-id')) ?? undefined);
}

/** Verifies a card on the unit's verify page (the unit's first allowed purpose) and returns the verdict. */
export async function verifyInBrowser(
  page: Page,
  holder: CardHolder,
): Promise<Awaited<ReturnType<typeof nextVerdict>>> {
  const before = await shownRecord(page);
  await fillAndSubmit(
    formOf(page, 'pageVerify'),
    {
      idNumber: holder.idNumber,
      name: holder.name,
      validFrom: holder.validFrom,
      validUntil: holder.validUntil,
    },
    'verify',
  );
  return nextVerdict(page, before);
}

/** Writes a screenshot of the page when `dir` is set (IDCARD_CONSOLE_SCREENSHOTS). */
export async function screenshot(page: Page, dir: string | undefined, name: string): Promise<void> {
  if (dir === undefined || dir === '') return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
