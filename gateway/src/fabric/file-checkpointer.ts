/**
 * A fabric-gateway Checkpointer kept in a file, written atomically (temp
 * file, fsync, rename), so a crash never leaves a torn checkpoint. A
 * durable event consumer passes it as `checkpoint` when reopening events.
 */
import { readFile } from 'node:fs/promises';
import type { ChaincodeEvent, Checkpointer } from '@hyperledger/fabric-gateway';
import { writeFileAtomic, type AtomicFs } from '@idcard/common';

interface Saved {
  readonly blockNumber?: string;
  readonly transactionId?: string;
}

class FileCheckpointer implements Checkpointer {
  #blockNumber: bigint | undefined;
  #transactionId: string | undefined;
  readonly #file: string;
  readonly #fs: AtomicFs | undefined;

  constructor(file: string, saved: Saved, fs: AtomicFs | undefined) {
    this.#file = file;
    this.#fs = fs;
    this.#blockNumber = saved.blockNumber === undefined ? undefined : BigInt(saved.blockNumber);
    this.#transactionId = saved.transactionId;
  }

  getBlockNumber(): bigint | undefined {
    return this.#blockNumber;
  }

  getTransactionId(): string | undefined {
    return this.#transactionId;
  }

  async checkpointBlock(blockNumber: bigint): Promise<void> {
    await this.#save(blockNumber + 1n, undefined);
  }

  async checkpointTransaction(blockNumber: bigint, transactionId: string): Promise<void> {
    await this.#save(blockNumber, transactionId);
  }

  async checkpointChaincodeEvent(event: ChaincodeEvent): Promise<void> {
    await this.checkpointTransaction(event.blockNumber, event.transactionId);
  }

  async #save(blockNumber: bigint, transactionId: string | undefined): Promise<void> {
    const saved: Saved = { blockNumber: blockNumber.toString(), ...(transactionId ? { transactionId } : {}) };
    await writeFileAtomic(this.#file, JSON.stringify(saved), this.#fs);
    this.#blockNumber = blockNumber;
    this.#transactionId = transactionId;
  }
}

/**
 * Opens (or starts) a checkpoint file; `fs` replaces the file operations in tests.
 * @throws Error when the file exists but is not a checkpoint
 */
export async function openFileCheckpointer(file: string, fs?: AtomicFs): Promise<Checkpointer> {
  let saved: Saved = {};
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as Saved;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`checkpoint ${file} is unreadable`, { cause: err });
    }
  }
  if (saved.blockNumber !== undefined && !/^\d+$/.test(saved.blockNumber)) {
    throw new Error(`checkpoint ${file} has no valid block number`);
  }
  return new FileCheckpointer(file, saved, fs);
}
