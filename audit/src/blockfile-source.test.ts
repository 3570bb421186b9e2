import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { blockfileSource, channelBlocksDir } from './blockfile-source';
import { encodeBlockRecord, readBlockRecord } from './blockfile-format';
import { BlockSourceError } from './audit-errors';
import type { SourceItem } from './block-source';
import { tempDirs } from './test-support/temp-dir';
import { writeBlockfiles } from './test-support/test-ledger';

const dirs = tempDirs();
afterAll(() => {
  dirs.cleanup();
});

function block(number: number, entries: string[]): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(number);
  header.setDataHash(Buffer.alloc(32, number));
  header.setPreviousHash(number === 0 ? new Uint8Array() : Buffer.alloc(32, 9));
  const data = new common.BlockData();
  data.setDataList(entries.map((e) => Buffer.from(e)));
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList([new Uint8Array(), new Uint8Array(), Uint8Array.from(entries.map(() => 0))]);
  const b = new common.Block();
  b.setHeader(header);
  b.setData(data);
  b.setMetadata(metadata);
  return b;
}

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const numbers = (items: SourceItem[]) =>
  items.flatMap((i) => (i.kind === 'block' ? [i.block.getHeader()?.getNumber()] : []));

describe('Fabric block file records', () => {
  it('round-trips header, data entries and metadata exactly', () => {
    const original = block(300, ['a', 'bb', '']);

    const record = readBlockRecord(encodeBlockRecord(original), 0);

    expect(record.kind).toBe('block');
    if (record.kind === 'block') expect(record.block.toObject()).toEqual(original.toObject());
  });
});

describe('blockfileSource', () => {
  it('reads blocks across several files in suffix order', async () => {
    const dir = dirs.make();
    writeBlockfiles(
      dir,
      [0, 1, 2, 3, 4].map((n) => block(n, ['x'.repeat(50)])),
      150,
    );

    const items = await collect(blockfileSource({ channelDir: dir }).blocks(0));

    expect(numbers(items)).toEqual([0, 1, 2, 3, 4]);
    expect(items.flatMap((i) => (i.kind === 'block' ? [i.location] : []))).toContain('blockfile_000001@0');
  });

  it('skips blocks before the start block', async () => {
    const dir = dirs.make();
    writeBlockfiles(
      dir,
      [0, 1, 2].map((n) => block(n, ['t'])),
      1 << 20,
    );

    expect(numbers(await collect(blockfileSource({ channelDir: dir }).blocks(2)))).toEqual([2]);
  });

  it('ends with a notice at a truncated tail and keeps the complete blocks', async () => {
    const dir = dirs.make();
    writeBlockfiles(
      dir,
      [0, 1].map((n) => block(n, ['t'])),
      1 << 20,
    );
    const partial = encodeBlockRecord(block(2, ['partial']));
    appendFileSync(join(dir, 'blockfile_000000'), partial.subarray(0, partial.length - 3));

    const items = await collect(blockfileSource({ channelDir: dir }).blocks(0));

    expect(numbers(items)).toEqual([0, 1]);
    const last = items[items.length - 1];
    expect(last?.kind === 'notice' ? last.message : '').toMatch(
      /^blockfile_000000@\d+: truncated block record/,
    );
  });

  it('reports an unreadable record and goes on with the next file', async () => {
    const dir = dirs.make();
    writeBlockfiles(
      dir,
      [0, 1].map((n) => block(n, ['y'.repeat(40)])),
      60,
    );
    const file = join(dir, 'blockfile_000000');
    const bytes = readFileSync(file);
    bytes[2] = 0xff; // the block number varint no longer ends where the record says
    writeFileSync(file, Buffer.concat([bytes.subarray(0, 2), Buffer.alloc(bytes.length - 2, 0xff)]));

    const items = await collect(blockfileSource({ channelDir: dir }).blocks(0));

    const first = items[0];
    expect(first?.kind === 'notice' ? first.message : '').toContain('unreadable block record');
    expect(numbers(items)).toEqual([1]);
  });

  it('refuses a directory without block files', async () => {
    await expect(collect(blockfileSource({ channelDir: dirs.make() }).blocks(0))).rejects.toBeInstanceOf(
      BlockSourceError,
    );
  });

  it('finds the channel directory inside ledgersData', () => {
    expect(channelBlocksDir('/p/ledgersData', 'idcards')).toBe('/p/ledgersData/chains/chains/idcards');
  });
});
