import { ApiError, createApi, messageOf } from './api';
import { cstDay, cstDayRanges } from './daily-volumes';
import { currentPage, pagesOf, PAGES_BY_ROLE } from './roles';
import { forgetKey, keepKey, keepLang, storedKey, storedLang, type SessionStore } from './session';
import { parseEvents } from './sse';
import { PAGE_IDS } from './page-ids';

function memoryStore(): SessionStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

describe('the API client', () => {
  it('sends the key as a bearer token and personal data only in the body', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const api = createApi('idk_key', (url, init) => {
      seen.push({ url, init });
      return Promise.resolve(new Response('{"personRef":"p1","cards":[]}', { status: 200 }));
    });
    await api.post('/v1/citizen/cards', { idNumber: '11010519491231002X' });
    expect(seen[0]?.url).toBe('/v1/citizen/cards');
    expect(seen[0]?.init?.method).toBe('POST');
    expect((seen[0]?.init?.headers as Record<string, string>).authorization).toBe('Bearer idk_key');
    expect(seen[0]?.init?.body).toBe('{"idNumber":"11010519491231002X"}');
    await api.get('/v1/verifications', { unitId: 'BANK-001', from: undefined, pageSize: 5 });
    expect(seen[1]?.url).toBe('/v1/verifications?unitId=BANK-001&pageSize=5');
  });

  it('turns a problem document into an ApiError carrying it', async () => {
    const problem = {
      type: 'urn:idcard:problem:validation',
      title: 'The request is not valid',
      status: 400,
      detail: 'idNumber has a wrong check character',
      errors: [{ path: '/idNumber', message: 'wrong check character' }],
    };
    const api = createApi('k', () => Promise.resolve(new Response(JSON.stringify(problem), { status: 400 })));
    const err = await api.post('/v1/cards', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).problem).toEqual(problem);
    expect(messageOf(err)).toBe('idNumber has a wrong check character');
  });

  it('describes an answer that is not a problem document by its status', async () => {
    const api = createApi('k', () =>
      Promise.resolve(new Response('<html>bad gateway</html>', { status: 502 })),
    );
    const err = (await api.get('/v1/units').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(502);
    expect(err.problem.title).toBe('HTTP 502');
  });
});

describe('the session', () => {
  it('keeps the key until sign-out, and the language (Chinese unless English was chosen)', () => {
    const store = memoryStore();
    expect(storedKey(store)).toBeUndefined();
    expect(storedLang(store)).toBe('zh');
    keepKey(store, 'idk_x');
    keepLang(store, 'en');
    expect(storedKey(store)).toBe('idk_x');
    expect(storedLang(store)).toBe('en');
    forgetKey(store);
    expect(storedKey(store)).toBeUndefined();
    expect([...store.data.keys()]).toEqual(['idcard.console.lang']);
  });
});

describe('pages per role', () => {
  it('gives each role its pages and no role a page without a view', () => {
    expect(pagesOf('officer').map((p) => p.id)).toEqual(['card', 'issue', 'citizen']);
    expect(pagesOf('verifier').map((p) => p.id)).toContain('verify');
    expect(pagesOf('pseudonym-client')).toEqual([]);
    for (const pages of Object.values(PAGES_BY_ROLE)) for (const p of pages) expect(PAGE_IDS).toContain(p.id);
  });

  it("opens the named page of the role, else its first (never another role's)", () => {
    expect(currentPage('officer', '#/issue')?.id).toBe('issue');
    expect(currentPage('officer', '')?.id).toBe('card');
    expect(currentPage('verifier', '#/units')?.id).toBe('verify');
  });
});

describe('server-sent events', () => {
  it('parses complete events and keeps the unfinished rest', () => {
    const text =
      'id: 5:0\nevent: CardVerified\ndata: {"unitId":"BANK-001"}\n\n: keepalive\n\nid: 6:0\nevent: Card';
    const { events, rest } = parseEvents(text);
    expect(events).toEqual([{ id: '5:0', event: 'CardVerified', data: '{"unitId":"BANK-001"}' }]);
    expect(rest).toBe('id: 6:0\nevent: Card');
  });
});

describe('the days of the chart', () => {
  it('are China Standard Time calendar days as instant ranges, oldest first, ending today', () => {
    const ranges = cstDayRanges(3, new Date('2026-03-09T17:30:00Z')); // 01:30 on 10 March in Beijing
    expect(ranges).toEqual([
      { day: '2026-03-08', from: '2026-03-07T16:00:00.000Z', to: '2026-03-08T15:59:59.999Z' },
      { day: '2026-03-09', from: '2026-03-08T16:00:00.000Z', to: '2026-03-09T15:59:59.999Z' },
      { day: '2026-03-10', from: '2026-03-09T16:00:00.000Z', to: '2026-03-10T15:59:59.999Z' },
    ]);
    expect(cstDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
