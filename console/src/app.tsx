/** The console: sign in with an API key, then the signed-in caller's pages. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, createApi, messageOf } from './api';
import { useAction } from './components/use-action';
import { Context, type ConsoleContext, type Me } from './context';
import { translate, type Lang } from './i18n';
import { label } from './labels';
import { PAGE_VIEWS } from './page-view';
import { currentPage, pagesOf } from './roles';
import { forgetKey, keepKey, keepLang, storedKey, storedLang } from './session';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => {
      setHash(location.hash);
    };
    addEventListener('hashchange', onChange);
    return () => {
      removeEventListener('hashchange', onChange);
    };
  }, []);
  return hash;
}

function SignIn(props: { readonly lang: Lang; readonly onSignedIn: (key: string, me: Me) => void }) {
  const t = (k: Parameters<typeof translate>[1]) => translate(props.lang, k);
  const [key, setKey] = useState('');
  const signIn = useAction(async (apiKey: string) => {
    const me = await createApi(apiKey).get<Me>('/v1/me');
    props.onSignedIn(apiKey, me);
    return me;
  });
  const unknown = signIn.error instanceof ApiError && signIn.error.status === 401;
  return (
    <main id="main" class="sign-in">
      <h2>{t('signInTitle')}</h2>
      <p>{t('signInHelp')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void signIn.run(key.trim());
        }}
      >
        <label for="api-key">{t('apiKey')}</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          required
          value={key}
          onInput={(e) => {
            setKey(e.currentTarget.value);
          }}
        />
        <button type="submit" disabled={signIn.busy}>
          {t('signIn')}
        </button>
      </form>
      {signIn.error === undefined ? null : (
        <p role="alert" class="problem">
          {unknown ? t('unknownKey') : messageOf(signIn.error)}
        </p>
      )}
    </main>
  );
}

function Shell({ ctx, onSignOut }: { readonly ctx: ConsoleContext; readonly onSignOut: () => void }) {
  const hash = useHash();
  const { me, t, l } = ctx;
  const page = currentPage(me.role, hash);
  const View = page === undefined ? undefined : PAGE_VIEWS[page.id];
  return (
    <Context.Provider value={ctx}>
      <div class="signed-in">
        <p class="who">
          {t('signedInAs', { caller: me.callerId, role: l(me.role), unit: me.unit ?? '—' })}{' '}
          <button type="button" onClick={onSignOut}>
            {t('signOut')}
          </button>
        </p>
        <nav aria-label={t('navigation')}>
          <ul>
            {pagesOf(me.role).map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p.id === page?.id ? 'page' : undefined}>
                  {t(p.title)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <main id="main">
        {page === undefined || View === undefined ? (
          <p>{t('none')}</p>
        ) : (
          // Each page's heading is its title in the navigation; the page draws what follows it.
          <div key={page.id}>
            <h2>{t(page.title)}</h2>
            <View />
          </div>
        )}
      </main>
    </Context.Provider>
  );
}

/** The whole console. */
export function App() {
  const [lang, setLang] = useState<Lang>(() => storedLang(sessionStorage));
  const [session, setSession] = useState<{ key: string; me: Me } | undefined>(undefined);
  // A key kept earlier in this tab's session; forgotten when the gateway no longer knows it.
  const resume = useAction(async (key: string) => {
    try {
      const me = await createApi(key).get<Me>('/v1/me');
      setSession({ key, me });
      return me;
    } catch (err) {
      forgetKey(sessionStorage);
      throw err;
    }
  });
  useEffect(() => {
    const key = storedKey(sessionStorage);
    if (key !== undefined) void resume.run(key);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(lang, 'appTitle');
  }, [lang]);
  const ctx = useMemo<ConsoleContext | undefined>(
    () =>
      session === undefined
        ? undefined
        : {
            api: createApi(session.key),
            me: session.me,
            lang,
            t: (k, vars) => translate(lang, k, vars),
            l: (code) => label(lang, code),
          },
    [session, lang],
  );
  const switchLang = () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    keepLang(sessionStorage, next);
    setLang(next);
  };
  return (
    <>
      <a class="skip" href="#main">
        {translate(lang, 'skipToContent')}
      </a>
      <header>
        <h1>{translate(lang, 'appTitle')}</h1>
        <button
          type="button"
          onClick={switchLang}
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          title={translate(lang, 'language')}
        >
          {translate(lang, 'switchLanguage')}
        </button>
      </header>
      {ctx === undefined ? (
        <SignIn
          lang={lang}
          onSignedIn={(key, me) => {
            keepKey(sessionStorage, key);
            setSession({ key, me });
          }}
        />
      ) : (
        <Shell
          ctx={ctx}
          onSignOut={() => {
            forgetKey(sessionStorage);
            setSession(undefined);
            location.hash = '';
          }}
        />
      )}
    </>
  );
}
