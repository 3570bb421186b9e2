import { pageOfArray } from './array-page';

describe('paging a list in memory', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('walks the list with offset bookmarks and ends with an empty bookmark', () => {
    const first = pageOfArray(items, 2, '');
    expect(first).toEqual({ items: ['a', 'b'], bookmark: '2', pageSize: 2 });
    expect(pageOfArray(items, 2, first.bookmark)).toEqual({ items: ['c', 'd'], bookmark: '4', pageSize: 2 });
    expect(pageOfArray(items, 2, '4')).toEqual({ items: ['e'], bookmark: '', pageSize: 2 });
    expect(pageOfArray(items, 5, '')).toMatchObject({ bookmark: '' });
  });

  it('refuses a bookmark outside the list', () => {
    expect(() => pageOfArray(items, 2, '6')).toThrow(/^VALIDATION: bookmark/);
    expect(() => pageOfArray(items, 2, '-1')).toThrow(/^VALIDATION: bookmark/);
  });
});
