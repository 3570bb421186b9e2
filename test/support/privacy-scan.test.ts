import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanForPersonalData } from './privacy-scan';

describe('privacy scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-'));
  mkdirSync(join(dir, 'ledger', 'chains'), { recursive: true });
  writeFileSync(join(dir, 'clean.log'), '{"msg":"verified","cardRef":"k1.abc"}\n');

  it('finds nothing in a folder without personal data', () => {
    expect(scanForPersonalData(dir, ['11010519491231002X', '张三'])).toEqual([]);
  });

  it('finds an ID number planted inside a binary block file, naming file and offset', () => {
    const bytes = Buffer.concat([
      Buffer.from([0, 1, 2, 255]),
      Buffer.from('11010519491231002X'),
      Buffer.from([0]),
    ]);
    writeFileSync(join(dir, 'ledger', 'chains', 'blockfile_000000'), bytes);
    const hits = scanForPersonalData(dir, ['11010519491231002X']);
    expect(hits).toEqual([
      { file: join(dir, 'ledger', 'chains', 'blockfile_000000'), offset: 4, needleIndex: 0 },
    ]);
  });

  it('finds a name written as UTF-8 and as a JSON \\u escape', () => {
    writeFileSync(join(dir, 'gateway.log'), '{"name":"\\u5f20\\u4e09"}\n');
    writeFileSync(join(dir, 'peer.log'), 'name=张三\n');
    const files = scanForPersonalData(dir, ['张三']).map((h) => h.file);
    expect(files.sort()).toEqual([join(dir, 'gateway.log'), join(dir, 'peer.log')].sort());
  });
});
