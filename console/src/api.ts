/**
 * The console's one way to the gateway: JSON over fetch with the session's
 * API key, and RFC 9457 problem documents turned into ApiError. Personal
 * data (ID numbers, names) only ever travels in POST bodies, never in a path
 * or query string (the callers below build paths from references only).
 */

/** A problem document as the gateway sends it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

/** A refusal or failure of the gateway, with its problem document. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }
}

/** The message of something thrown (a network failure is a TypeError from fetch). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error';
}

/** What pages call. */
export interface Api {
  get<T>(path: string, query?: Readonly<Record<string, string | number | undefined>>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  del(path: string): Promise<void>;
  /** A streaming GET (server-sent events); the caller reads the body. */
  stream(path: string, signal: AbortSignal): Promise<Response>;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function problemOf(status: number, text: string): Problem {
  try {
    const doc = JSON.parse(text) as Partial<Problem>;
    if (typeof doc.title === 'string')
      return { ...doc, status, type: doc.type ?? 'about:blank', title: doc.title };
  } catch {
    // not a problem document (a proxy's page): described by its status below
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status };
}

/** Encodes one path segment (references and ids only). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** The API of one gateway (same origin by default) with one API key. */
export function createApi(apiKey: string, fetchFn: Fetch = (i, init) => fetch(i, init), base = ''): Api {
  const headers = (json: boolean): Record<string, string> => ({
    authorization: `Bearer ${apiKey}`,
    accept: 'application/json',
    ...(json ? { 'content-type': 'application/json' } : {}),
  });
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const json = body !== undefined;
    const res = await fetchFn(`${base}${path}`, {
      method,
      headers: headers(json),
      ...(json ? { body: JSON.stringify(body) } : {}),
      cache: 'no-store',
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, problemOf(res.status, text));
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
  return {
    get: (path, query) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query ?? {}))
        if (v !== undefined && v !== '') params.set(k, String(v));
      const qs = params.toString();
      return call('GET', qs === '' ? path : `${path}?${qs}`);
    },
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call<undefined>('DELETE', path),
    stream: async (path, signal) => {
      const res = await fetchFn(`${base}${path}`, {
        headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream' },
        signal,
        cache: 'no-store',
      });
      if (!res.ok) throw new ApiError(res.status, problemOf(res.status, await res.text()));
      return res;
    },
  };
}
