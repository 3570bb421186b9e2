/**
 * Atomic file replacement: write a temporary file beside the target, flush
 * it, then rename over the target, so a crash leaves the old or the new
 * content and never a torn file.
 */
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file operations used (injectable so tests can observe or fail the rename). */
export type AtomicFs = Pick<typeof fsPromises, 'mkdir' | 'open' | 'rename' | 'rm'>;

/**
 * Replaces `file` with `content` atomically (mode 600).
 * @throws the file system error; the target is then unchanged
 */
export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  fs: AtomicFs = fsPromises,
): Promise<void> {
  const { mkdir, open, rename, rm } = fs;
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
