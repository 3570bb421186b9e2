/**
 * Debian's headless Chromium driven by playwright-core for the console's
 * browser tests: launch with the flags this kind of machine needs, sign in
 * through the page as a person would, and collect what the page complains
 * about (script errors, refused requests, Content Security Policy violations).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { translate, type MessageKey } from '@idcard/console/testing';

/** Where Debian installs Chromium (IDCARD_CHROMIUM overrides). */
export const CHROMIUM = process.env.IDCARD_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A Chinese text of the console (the default language), as the page shows it. */
export function zh(key: MessageKey, vars?: Readonly<Record<string, string | number>>): string {
  return translate('zh', key, vars);
}

/** A page and the problems it reported. */
export interface WatchedPage {
  readonly page: Page;
  /** Script errors, console errors (CSP violations are reported there) and failed requests. */
  readonly complaints: string[];
}

/** Opens a page in `context` that records its complaints. */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const complaints: string[] = [];
  page.on('pageerror', (err) => complaints.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') complaints.push(`console: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => {
    // An event stream the page stops on purpose ends as an aborted request.
    if (!req.url().includes('/v1/events'))
      complaints.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  return { page, complaints };
}

/** Signs in at a gateway's console with an API key, the way a person does (label, type, Enter). */
export async function signIn(page: Page, gatewayUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${gatewayUrl}/console/`);
  await page.getByLabel(zh('apiKey')).fill(apiKey);
  await page.getByLabel(zh('apiKey')).press('Enter');
  await page.getByRole('navigation', { name: zh('navigation') }).waitFor();
}

/** Opens one of the signed-in caller's pages from the navigation. */
export async function openPage(page: Page, title: MessageKey): Promise<void> {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: zh(title), exact: true })
    .click();
  await page.getByRole('heading', { level: 2, name: zh(title), exact: true }).waitFor();
}
