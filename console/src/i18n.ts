/** The console's languages: Chinese (default) and English. */
import { en, type MessageKey } from './messages-en';
import { zh } from './messages-zh';

/** A language of the console. */
export type Lang = 'zh' | 'en';

const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { zh, en };

/** A text in a language with `{name}` placeholders filled. */
export function translate(
  lang: Lang,
  key: MessageKey,
  vars: Readonly<Record<string, string | number>> = {},
): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Every text of a language (tests and the build check both languages have all keys). */
export function messagesOf(lang: Lang): Readonly<Record<MessageKey, string>> {
  return MESSAGES[lang];
}

export type { MessageKey };
