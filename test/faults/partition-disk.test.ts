/**
 * Faults under load, second part (issue 16): a peer organisation cut off by
 * the network, and a peer whose disk fills up.
 *
 * The relying parties' organisation (CA, peer, chaincode server) runs in its
 * own network namespace, joined to the host's by a veth pair this suite makes
 * (and removes): the other organisations listen on the host end's address,
 * the relying parties on the namespace end's. Cutting it off is a blackhole
 * route to the other side in each namespace (the links stay up, so every
 * node keeps its own address), held for 20 s, then removed.
 *
 * The public-security peer keeps its data folder on a small tmpfs mounted
 * before the network starts; the suite fills the rest of it with a file,
 * waits until the peer has failed a commit, frees the space, starts the peer
 * again if it died, and waits for the load to be acknowledged again.
 *
 * Afterwards, as in faults.test.ts: every acknowledged verification is on
 * the ledger exactly once, no request id twice, one height, a clean audit.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  dataPaths,
  isAlive,
  networkDown,
  peerNodes,
  peerProcessSpec,
  pidFileOf,
  prepareFabricConfigDir,
  readPidFile,
  stopProcess,
  waitFor,
  type NodeSpec,
  type ResolvedConfig,
} from '@idcard/network';
import {
  expectJournalOnLedger,
  expectOnlyRetryLater,
  faultPeople,
  operationsHealthy,
  recovered,
  restart,
  sleep,
  startLoad,
} from '../support/fault-injection';
import type { VerificationLoad } from '../support/fault-load';
import { startFullNetwork, type FullNetwork } from '../support/full-network';
import { rawOrganisation } from '../support/test-network';

const NETNS = 'idcard-faults';
const HOST_END = { dev: 'idcf-host', ip: '10.231.17.1' };
const NS_END = { dev: 'idcf-rp', ip: '10.231.17.2' };
const PARTITION_MS = 20_000;
const TMPFS_SIZE = '96m';

const ip = (...args: string[]): string =>
  execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const ipQuiet = (...args: string[]): void => {
  try {
    ip(...args);
  } catch {
    // already gone
  }
};

/** The namespace and the veth pair, made fresh (leftovers of an interrupted run removed first). */
function makeNamespace(): void {
  removeNamespace();
  ip('netns', 'add', NETNS);
  ip('link', 'add', HOST_END.dev, 'type', 'veth', 'peer', 'name', NS_END.dev, 'netns', NETNS);
  ip('addr', 'add', `${HOST_END.ip}/24`, 'dev', HOST_END.dev);
  ip('link', 'set', HOST_END.dev, 'up');
  ip('-n', NETNS, 'addr', 'add', `${NS_END.ip}/24`, 'dev', NS_END.dev);
  ip('-n', NETNS, 'link', 'set', NS_END.dev, 'up');
  ip('-n', NETNS, 'link', 'set', 'lo', 'up');
}

function removeNamespace(): void {
  ipQuiet('link', 'del', HOST_END.dev);
  ipQuiet('netns', 'del', NETNS);
}

/** Cuts (or heals) the path between the namespaces, both ways. */
function partition(cut: boolean): void {
  const verb = cut ? 'add' : 'del';
  ip('route', verb, 'blackhole', `${NS_END.ip}/32`);
  ip('-n', NETNS, 'route', verb, 'blackhole', `${HOST_END.ip}/32`);
}

/** Fills a file system to the last byte with one file; returns its path. */
function fillUp(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/** True once the node's log has a line written after `from` bytes that matches `pattern`. */
function logSays(cfg: ResolvedConfig, node: NodeSpec, from: number, pattern: RegExp): boolean {
  const log = readFileSync(join(dataPaths(cfg).logs, `${node.name}.log`));
  return pattern.test(log.subarray(from).toString('utf8'));
}

describe('faults under load: a partitioned organisation, a full disk', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  let load: VerificationLoad;
  let mounted: string | undefined;

  const config = (): ResolvedConfig => {
    if (cfg === undefined) throw new Error('no network');
    return cfg;
  };
  const peerOf = (org: string): NodeSpec => {
    const peer = peerNodes(config()).find((p) => p.org === org);
    if (peer === undefined) throw new Error(`no peer of ${org}`);
    return peer;
  };

  beforeAll(async () => {
    makeNamespace();
    net = await startFullNetwork(
      'faults-partition',
      (c) => {
        cfg = c;
        // The public-security peer's data on a small file system of its own.
        const data = join(peerOf('publicsecurity').home, 'data');
        mkdirSync(data, { recursive: true });
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0700`, 'tmpfs', data]);
        mounted = data;
      },
      'raft',
      (raw) => {
        for (const name of ['orderer', 'publicsecurity', 'bigdata'])
          rawOrganisation(raw, name).host = HOST_END.ip;
        const rp = rawOrganisation(raw, 'relyingparty');
        rp.host = NS_END.ip;
        rp.netns = NETNS;
      },
    );
    load = await startLoad(net, faultPeople('1990040'));
  }, 900_000);

  afterAll(async () => {
    await load.stop().catch(() => undefined);
    if (cfg !== undefined) await networkDown(cfg);
    if (mounted !== undefined) execFileSync('umount', ['-l', mounted]);
    ipQuiet('route', 'del', 'blackhole', `${NS_END.ip}/32`);
    removeNamespace();
  }, 300_000);

  it('runs the relying parties in their own namespace, reached over the veth pair', () => {
    const peer = peerOf('relyingparty');
    const record = readPidFile(pidFileOf(config(), peer));
    if (record === undefined) throw new Error('no pid file for the relying-party peer');
    const inside = ip('netns', 'pids', NETNS).split('\n').filter(Boolean).map(Number);
    expect(inside).toContain(record.pid);
    expect(peer.host).toBe(NS_END.ip);
  });

  it('rides out the relying parties cut off for 20 s; their peer catches up', async () => {
    load.phase(`relying parties partitioned ${String(PARTITION_MS / 1000)} s`);
    const rp = peerOf('relyingparty');
    partition(true);
    try {
      const during = load.journal.size;
      await sleep(PARTITION_MS);
      // Both agencies endorse every verification: cut off, the consortium's peer stops nothing.
      expect(load.journal.size - during).toBeGreaterThan(10);
      expect(await operationsHealthy(rp)()).toBe(false);
    } finally {
      partition(false);
    }
    await waitFor('relying-party peer reachable', operationsHealthy(rp), 60_000);
    await recovered(load);
    expect(load.current.recoveryMs).not.toBeNull();
  }, 300_000);

  it('rides out the public-security peer running out of disk, and recovers once space is freed', async () => {
    load.phase('public-security peer disk full');
    const peer = peerOf('publicsecurity');
    const data = mounted;
    if (data === undefined) throw new Error('no tmpfs');
    const logFrom = readFileSync(join(dataPaths(config()).logs, `${peer.name}.log`)).length;
    const filler = fillUp(data);
    try {
      // The next block it commits fails: the peer stops (Fabric panics on a failed commit).
      const record = readPidFile(pidFileOf(config(), peer));
      if (record === undefined) throw new Error(`no pid file for ${peer.name}`);
      await waitFor(
        `${peer.name} failing for want of space`,
        () =>
          Promise.resolve(!isAlive(record) || logSays(config(), peer, logFrom, /no space left on device/i)),
        120_000,
      );
      await sleep(5_000);
    } finally {
      rmSync(filler);
    }
    const record = readPidFile(pidFileOf(config(), peer));
    if (record !== undefined && !isAlive(record)) {
      await stopProcess(pidFileOf(config(), peer));
      const fabricCfgDir = await prepareFabricConfigDir(config());
      await restart(
        peer,
        () => Promise.resolve(peerProcessSpec(config(), net.up.programs, peer, fabricCfgDir)),
        operationsHealthy(peer),
      );
    }
    await recovered(load);
    expect(load.current.recoveryMs).not.toBeNull();
    expectOnlyRetryLater(load.current);
    expect(existsSync(filler)).toBe(false);
  }, 300_000);

  it('has every acknowledged verification on the ledger exactly once, one height, a clean audit', async () => {
    await expectJournalOnLedger(net, load);
  }, 600_000);
});
