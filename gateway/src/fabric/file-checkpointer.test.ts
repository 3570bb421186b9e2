import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, type PathLike } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fsPromises from 'node:fs/promises';
import { openFileCheckpointer } from './file-checkpointer';

describe('file checkpointer', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'idcard-ckpt-'));

  it('starts empty and resumes from what it saved', async () => {
    const file = join(dir(), 'events.checkpoint');
    const first = await openFileCheckpointer(file);
    expect(first.getBlockNumber()).toBeUndefined();
    await first.checkpointTransaction(7n, 'tx-a');
    const again = await openFileCheckpointer(file);
    expect(again.getBlockNumber()).toBe(7n);
    expect(again.getTransactionId()).toBe('tx-a');
    await again.checkpointBlock(7n);
    const afterBlock = await openFileCheckpointer(file);
    expect(afterBlock.getBlockNumber()).toBe(8n);
    expect(afterBlock.getTransactionId()).toBeUndefined();
    await afterBlock.checkpointChaincodeEvent({
      blockNumber: 9n,
      transactionId: 'tx-b',
      chaincodeName: 'idcard',
      eventName: 'CardIssued',
      payload: new Uint8Array(),
    });
    expect((await openFileCheckpointer(file)).getTransactionId()).toBe('tx-b');
  });

  it('writes a complete temporary file, then renames it over the old one', async () => {
    const folder = dir();
    const file = join(folder, 'cp.json');
    const renames: { from: string; to: string; tempContent: string; targetContent: string }[] = [];
    const observing = {
      ...fsPromises,
      rename: async (from: PathLike, to: PathLike) => {
        renames.push({
          from: String(from),
          to: String(to),
          tempContent: readFileSync(from, 'utf8'),
          targetContent: existsSync(to) ? readFileSync(to, 'utf8') : '',
        });
        await fsPromises.rename(from, to);
      },
    };
    const cp = await openFileCheckpointer(file, observing);
    await cp.checkpointTransaction(3n, 'tx-c');
    await cp.checkpointTransaction(4n, 'tx-d');
    expect(renames).toHaveLength(2);
    expect(renames[1]).toMatchObject({
      to: file,
      tempContent: '{"blockNumber":"4","transactionId":"tx-d"}',
      targetContent: '{"blockNumber":"3","transactionId":"tx-c"}',
    });
    expect(renames[1]?.from).not.toBe(file);
    expect(readdirSync(folder)).toEqual(['cp.json']);
  });

  it('keeps the old checkpoint, and no temporary file, when the rename fails', async () => {
    const folder = dir();
    const file = join(folder, 'cp.json');
    let fail = false;
    const flaky = {
      ...fsPromises,
      rename: (from: PathLike, to: PathLike) =>
        fail ? Promise.reject(new Error('disk full')) : fsPromises.rename(from, to),
    };
    const cp = await openFileCheckpointer(file, flaky);
    await cp.checkpointTransaction(5n, 'tx-old');
    fail = true;
    await expect(cp.checkpointTransaction(6n, 'tx-new')).rejects.toThrow('disk full');
    expect(cp.getBlockNumber()).toBe(5n);
    expect(readdirSync(folder)).toEqual(['cp.json']);
    expect((await openFileCheckpointer(file)).getTransactionId()).toBe('tx-old');
  });

  it('refuses a corrupt checkpoint', async () => {
    const file = join(dir(), 'cp.json');
    writeFileSync(file, '{"blockNumber":"x"}');
    await expect(openFileCheckpointer(file)).rejects.toThrow(/no valid block number/);
  });
});
