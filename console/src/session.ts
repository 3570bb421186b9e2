/**
 * The signed-in session: the API key and the language, in sessionStorage
 * only (gone when the tab or browser closes). Nothing personal is stored in
 * the browser: ID numbers and names live in form fields and page state.
 */
import type { Lang } from './i18n';

const KEY = 'idcard.console.apiKey';
const LANG = 'idcard.console.lang';

/** The storage the session uses (window.sessionStorage in the browser). */
export type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The session's API key, if signed in. */
export function storedKey(store: SessionStore): string | undefined {
  return store.getItem(KEY) ?? undefined;
}

/** Keeps the key for this browser session. */
export function keepKey(store: SessionStore, apiKey: string): void {
  store.setItem(KEY, apiKey);
}

/** Signs out: forgets the key. */
export function forgetKey(store: SessionStore): void {
  store.removeItem(KEY);
}

/** The chosen language (Chinese unless English was chosen). */
export function storedLang(store: SessionStore): Lang {
  return store.getItem(LANG) === 'en' ? 'en' : 'zh';
}

/** Keeps the chosen language for this session. */
export function keepLang(store: SessionStore, lang: Lang): void {
  store.setItem(LANG, lang);
}
