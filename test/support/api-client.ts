/**
 * The gateway's HTTP API as a caller sees it: bearer key, JSON bodies, the
 * status and the parsed answer (JSON or problem+json). Nothing is logged, so
 * ID numbers and names in request bodies stay in this process.
 */

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

/** Calls of one gateway. */
export interface ApiClient {
  readonly url: string;
  get<T>(path: string, key: string): Promise<ApiAnswer<T>>;
  post<T>(path: string, key: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer<T>>;
  put<T>(path: string, key: string, body: unknown): Promise<ApiAnswer<T>>;
}

/** A client of the gateway at `url`; every call has a deadline of `timeoutMs`. */
export function apiClient(url: string, timeoutMs = 120_000): ApiClient {
  const call = async <T>(
    method: string,
    path: string,
    key: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> => {
    const res = await fetch(`${url}${path}`, {
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
    const retryAfter = res.headers.get('retry-after');
    return {
      status: res.status,
      body: (json ? JSON.parse(text) : text) as T,
      ...(retryAfter === null ? {} : { retryAfter }),
    };
  };
  return {
    url,
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
