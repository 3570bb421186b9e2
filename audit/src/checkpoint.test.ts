import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointError } from './audit-errors';
import { CHECKPOINT_VERSION, loadCheckpoint, saveCheckpoint, type ReplayCheckpoint } from './checkpoint';
import { ReplayState } from './replay-state';
import { tempDirs } from './test-support/temp-dir';

const dirs = tempDirs();
afterAll(() => {
  dirs.cleanup();
});

const checkpoint: ReplayCheckpoint = {
  version: CHECKPOINT_VERSION,
  namespace: 'idcard',
  position: { lastBlock: 4, lastHeaderHash: 'ab'.repeat(32), configs: [] },
  state: new ReplayState().toJSON(),
  findings: [],
  notices: [],
};

describe('replay checkpoints', () => {
  it('saves atomically (no temporary file left) and loads what was saved', async () => {
    const dir = dirs.make();
    const file = join(dir, 'cp.json');

    await saveCheckpoint(file, checkpoint);

    expect(readdirSync(dir)).toEqual(['cp.json']);
    await expect(loadCheckpoint(file)).resolves.toEqual(checkpoint);
  });

  it('answers undefined when there is no checkpoint yet', async () => {
    await expect(loadCheckpoint(join(dirs.make(), 'none.json'))).resolves.toBeUndefined();
  });

  it('refuses a file of another version', async () => {
    const file = join(dirs.make(), 'cp.json');
    writeFileSync(file, JSON.stringify({ ...checkpoint, version: 99 }));

    await expect(loadCheckpoint(file)).rejects.toBeInstanceOf(CheckpointError);
  });
});
