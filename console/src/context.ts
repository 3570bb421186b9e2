/** What every page gets: the API, the language and the signed-in caller. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';
import type { Lang, MessageKey } from './i18n';

/** The caller behind the session's key (GET /v1/me). */
export interface Me {
  readonly callerId: string;
  readonly role: string;
  readonly unit: string | null;
  readonly mspId: string | null;
  readonly keyId: string | null;
}

/** The console's context. */
export interface ConsoleContext {
  readonly api: Api;
  readonly me: Me;
  readonly lang: Lang;
  readonly t: (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;
  /** The name of a ledger code in the current language. */
  readonly l: (code: string | null | undefined) => string;
}

export const Context = createContext<ConsoleContext | undefined>(undefined);

/** The console's context inside a signed-in page. */
export function useConsole(): ConsoleContext {
  const ctx = useContext(Context);
  if (ctx === undefined) throw new Error('useConsole outside a signed-in page');
  return ctx;
}
