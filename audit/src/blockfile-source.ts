/**
 * OFFLINE block source: a copy of a peer's ledger directory. Blocks of a
 * channel live in `<ledgersData>/chains/chains/<channel>/blockfile_NNNNNN`,
 * files read in suffix order, records read in file order. A record cut off
 * at the end of the last file (a copy taken while the peer was writing) ends
 * the replay with a notice; a cut-off record in an earlier file is reported
 * too, and the blocks it held then show up as missing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditFormatError, BlockSourceError } from './audit-errors';
import { readBlockRecord } from './blockfile-format';
import type { BlockSource, SourceItem } from './block-source';

/** Options of the offline source. */
export interface BlockfileSourceOptions {
  /** The directory holding `blockfile_*` (the channel's directory). */
  readonly channelDir: string;
}

const BLOCKFILE = /^blockfile_(\d{6,})$/;

/** The channel directory inside a peer's `ledgersData` directory. */
export function channelBlocksDir(ledgersDataDir: string, channel: string): string {
  return join(ledgersDataDir, 'chains', 'chains', channel);
}

async function blockfiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new BlockSourceError(`cannot list block files in ${dir}`, { cause: err });
  }
  return names
    .flatMap((name) => {
      const match = BLOCKFILE.exec(name);
      return match?.[1] === undefined ? [] : [{ name, suffix: Number(match[1]) }];
    })
    .sort((a, b) => a.suffix - b.suffix)
    .map((f) => f.name);
}

async function* fileItems(path: string, name: string, startBlock: number): AsyncGenerator<SourceItem> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new BlockSourceError(`cannot read ${path}`, { cause: err });
  }
  let offset = 0;
  while (offset < bytes.length) {
    let record;
    try {
      record = readBlockRecord(bytes, offset);
    } catch (err) {
      const reason = err instanceof AuditFormatError ? err.message : String(err);
      yield {
        kind: 'notice',
        message: `${name}@${offset}: unreadable block record (${reason}); rest of file skipped`,
      };
      return;
    }
    if (record.kind === 'truncated') {
      yield {
        kind: 'notice',
        message: `${name}@${offset}: truncated block record (${record.available} byte(s) at the end of the file)`,
      };
      return;
    }
    if ((record.block.getHeader()?.getNumber() ?? 0) >= startBlock)
      yield { kind: 'block', block: record.block, location: `${name}@${offset}` };
    offset = record.end;
  }
}

/** A block source reading a (copied) peer ledger directory. */
export function blockfileSource(options: BlockfileSourceOptions): BlockSource {
  const { channelDir } = options;
  return {
    async *blocks(startBlock: number) {
      const names = await blockfiles(channelDir);
      if (names.length === 0) throw new BlockSourceError(`no blockfile_* in ${channelDir}`);
      for (const name of names) yield* fileItems(join(channelDir, name), name, startBlock);
    },
  };
}
