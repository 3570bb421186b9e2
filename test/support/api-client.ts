/**
 * The gateways' HTTP API as a caller sees it: bearer key, JSON bodies, the
 * status and the parsed answer (JSON or problem+json). Each organisation
 * runs its own gateway, and a caller uses its organisation's: a client over
 * KeyRoutes sends each key to the gateway of the organisation it belongs
 * to (and learns the keys a gateway issues as that gateway's). Nothing is
 * logged, so ID numbers and names in request bodies stay in this process.
 */

/** Which gateway each API key is sent to: its organisation's. */
export class KeyRoutes {
  private constructor(
    /** Gateway base URL by organisation. */
    readonly urls: Readonly<Record<string, string>>,
    private readonly fallbackOrg: string,
    private readonly orgs: Map<string, string>,
  ) {}

  /** Routes over `urls`, keys unknown so far going to `fallbackOrg`'s gateway. */
  static of(urls: Readonly<Record<string, string>>, fallbackOrg: string): KeyRoutes {
    return new KeyRoutes(urls, fallbackOrg, new Map());
  }

  /** Notes that `key` belongs to `org`. */
  add(key: string, org: string): void {
    this.orgs.set(key, org);
  }

  /** The organisation of a key (the fallback's when unknown, e.g. a made-up key). */
  orgOf(key: string): string {
    return this.orgs.get(key) ?? this.fallbackOrg;
  }

  /** The URL of the gateway a key is sent to. @throws Error when its organisation has none here */
  urlFor(key: string): string {
    const url = this.urls[this.orgOf(key)];
    if (url === undefined) throw new Error(`no gateway of organisation ${this.orgOf(key)}`);
    return url;
  }

  /** The same keys over other gateways (variants), sharing what is learnt. */
  over(urls: Readonly<Record<string, string>>): KeyRoutes {
    return new KeyRoutes(urls, this.fallbackOrg, this.orgs);
  }
}

/** One answer of the API. */
export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
  /** The answer's Retry-After header, when it has one. */
  readonly retryAfter?: string;
}

/** A committed write's answer (docs/api.md: `{ result, txId, blockNumber }`). */
export interface CommittedAnswer<T> {
  readonly result: T;
  readonly txId: string;
  readonly blockNumber: number;
}

/** An RFC 9457 problem as the gateway sends it. */
export interface ProblemAnswer {
  readonly type: string;
  readonly status: number;
  readonly detail: string;
}

/** Calls of one gateway, or of each key's gateway. */
export interface ApiClient {
  /** The one gateway's URL, or the fallback organisation's. */
  readonly url: string;
  /** The URL a call with `key` goes to. */
  urlFor(key: string): string;
  get<T>(path: string, key: string): Promise<ApiAnswer<T>>;
  post<T>(path: string, key: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer<T>>;
  put<T>(path: string, key: string, body: unknown): Promise<ApiAnswer<T>>;
}

/**
 * A client of the gateway at `target`, or of each key's gateway over
 * KeyRoutes (a key in an answer's `apiKey` is learnt as the answering
 * gateway's); every call has a deadline of `timeoutMs`.
 */
export function apiClient(target: string | KeyRoutes, timeoutMs = 120_000): ApiClient {
  const urlFor = (key: string): string => (typeof target === 'string' ? target : target.urlFor(key));
  const call = async <T>(
    method: string,
    path: string,
    key: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> => {
    const res = await fetch(`${urlFor(key)}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const json = /json/.test(res.headers.get('content-type') ?? '') && text.length > 0;
    const parsed: unknown = json ? JSON.parse(text) : text;
    const issued = (parsed as { apiKey?: unknown } | null)?.apiKey;
    if (typeof target !== 'string' && typeof issued === 'string') target.add(issued, target.orgOf(key));
    const retryAfter = res.headers.get('retry-after');
    return { status: res.status, body: parsed as T, ...(retryAfter === null ? {} : { retryAfter }) };
  };
  return {
    url: typeof target === 'string' ? target : urlFor(''),
    urlFor,
    get: (path, key) => call('GET', path, key, undefined),
    post: (path, key, body, headers) => call('POST', path, key, body, headers),
    put: (path, key, body) => call('PUT', path, key, body),
  };
}

/**
 * The body of an answer with the expected status; otherwise an error that
 * shows the status and the problem document (never the request).
 * @throws Error when the status differs
 */
export function expectStatus<T>(answer: ApiAnswer<T>, status: number): T {
  if (answer.status !== status) {
    throw new Error(
      `expected HTTP ${String(status)}, got ${String(answer.status)}: ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}
