import { FakeStub, FakeWorld } from '../test-support/fake-stub';
import {
  decodeBookmark,
  encodeBookmark,
  pageByPartialKey,
  pageByRange,
  scanPageByPartialKey,
} from './pagination';

function worldWith(keys: string[]): FakeStub {
  const world = new FakeWorld();
  for (const key of keys) world.state.set(key, Buffer.from('{}'));
  return new FakeStub(world, 'tx', '2026-01-01T00:00:00.000Z');
}

describe('pagination', () => {
  it('pages a partial composite key with the next key as bookmark and closes iterators', async () => {
    const stub = worldWith([]);
    const keys = ['a', 'b', 'c'].map((k) => stub.createCompositeKey('t', ['x', k]));
    const other = stub.createCompositeKey('t', ['y', 'a']);
    const full = worldWith([...keys, other]);
    const first = await pageByPartialKey(full, {
      objectType: 't',
      attributes: ['x'],
      pageSize: 2,
      bookmark: '',
    });
    expect(first.entries.map((e) => e.key)).toEqual(keys.slice(0, 2));
    expect(decodeBookmark(first.bookmark, keys[0] ?? '', `${keys[2] ?? ''}z`)).toBe(keys[2]);
    const second = await pageByPartialKey(full, {
      objectType: 't',
      attributes: ['x'],
      pageSize: 2,
      bookmark: first.bookmark,
    });
    expect(second.entries.map((e) => e.key)).toEqual([keys[2]]);
    expect(second.bookmark).toBe('');
    expect(full.openIterators).toBe(0);
  });

  it('refuses a bookmark from outside the queried range or not base64url', async () => {
    const stub = worldWith(['r/1', 'r/2', 's/1']);
    await expect(
      pageByRange(stub, { start: 'r/', end: 'r/~', pageSize: 1, bookmark: encodeBookmark('s/1') }),
    ).rejects.toThrow(/does not belong/);
    await expect(
      pageByRange(stub, { start: 'r/', end: 'r/~', pageSize: 1, bookmark: encodeBookmark('a') }),
    ).rejects.toThrow(/does not belong/);
    await expect(
      pageByRange(stub, { start: 'r/', end: 'r/~', pageSize: 1, bookmark: '***' }),
    ).rejects.toThrow(/malformed/);
    const page = await pageByRange(stub, { start: 'r/', end: 'r/~', pageSize: 1, bookmark: '' });
    expect(page.entries.map((e) => e.key)).toEqual(['r/1']);
    const next = await pageByRange(stub, { start: 'r/', end: 'r/~', pageSize: 1, bookmark: page.bookmark });
    expect(next).toMatchObject({ bookmark: '', entries: [{ key: 'r/2' }] });
  });

  it('scans pages without a paginated query (for transactions that write), with interchangeable bookmarks', async () => {
    const stub = worldWith([]);
    const keys = ['a', 'b', 'c', 'd'].map((k) => stub.createCompositeKey('t', ['x', k]));
    const full = worldWith([...keys, stub.createCompositeKey('t', ['y', 'a'])]);
    const first = await scanPageByPartialKey(full, {
      objectType: 't',
      attributes: ['x'],
      pageSize: 2,
      bookmark: '',
    });
    expect(first.entries.map((e) => e.key)).toEqual(keys.slice(0, 2));
    const second = await scanPageByPartialKey(full, {
      objectType: 't',
      attributes: ['x'],
      pageSize: 2,
      bookmark: first.bookmark,
    });
    expect(second.entries.map((e) => e.key)).toEqual(keys.slice(2));
    expect(second.bookmark).toBe('');
    const paged = await pageByPartialKey(full, {
      objectType: 't',
      attributes: ['x'],
      pageSize: 2,
      bookmark: first.bookmark,
    });
    expect(paged.entries.map((e) => e.key)).toEqual(second.entries.map((e) => e.key));
    expect(full.pagedQueries).toBe(1);
    expect(full.openIterators).toBe(0);
    await expect(
      scanPageByPartialKey(full, {
        objectType: 't',
        attributes: ['y'],
        pageSize: 2,
        bookmark: first.bookmark,
      }),
    ).rejects.toThrow(/does not belong/);
  });
});
