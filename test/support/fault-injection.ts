/**
 * What the fault suites share: a node killed and restarted under load, the
 * steady verification load of a full network, and the check that follows
 * the faults (every acknowledged verification on the ledger exactly once,
 * no (unit, requestId) twice, every peer at one height, a clean audit
 * replay of a peer's ledger). Each suite prints its phases' figures.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, VerificationRecord } from '@idcard/common';
import {
  isAlive,
  pidFileOf,
  probe,
  readPidFile,
  signal,
  startProcess,
  stopProcess,
  waitFor,
  type NodeSpec,
  type ProcessSpec,
  type ResolvedConfig,
} from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import { expectStatus } from './api-client';
import { copyPeerLedger, runAuditCli } from './audit-cli';
import { heightReader, settlePeers } from './fabric-heights';
import { VerificationLoad, type PhaseFigures, type PresentedCard } from './fault-load';
import type { FullNetwork } from './full-network';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** How long a killed node stays down. */
const DOWN_MS = 5_000;
/** Acknowledgements after a restart that count as recovered, and how long they may take. */
const RECOVERED_AFTER = 30;
const RECOVERY_LIMIT_MS = 90_000;

/** Waits until the system acknowledges verifications again after a fault ended (a stuck system fails here). */
export async function recovered(load: VerificationLoad): Promise<void> {
  load.restarted();
  await load.acknowledgements(RECOVERED_AFTER, RECOVERY_LIMIT_MS);
}

/**
 * Starts a node again from `spec` (undefined: `spec` started it itself) and
 * waits until it answers `healthy`.
 */
export async function restart(
  node: Pick<NodeSpec, 'name'>,
  spec: () => Promise<ProcessSpec | undefined>,
  healthy: () => Promise<boolean>,
): Promise<void> {
  const again = await spec();
  if (again !== undefined) startProcess(again);
  await waitFor(`${node.name} back`, healthy, 120_000);
}

/** SIGKILLs a node, keeps it down a moment, restarts it and waits until the load is acknowledged again. */
export async function killAndRestart(
  cfg: ResolvedConfig,
  load: VerificationLoad,
  node: Pick<NodeSpec, 'name'>,
  spec: () => Promise<ProcessSpec | undefined>,
  healthy: () => Promise<boolean>,
): Promise<void> {
  const pidFile = pidFileOf(cfg, node);
  const record = readPidFile(pidFile);
  if (record === undefined) throw new Error(`no pid file for ${node.name}`);
  signal(record.pid, 'SIGKILL');
  await waitFor(`${node.name} gone`, () => Promise.resolve(!isAlive(record)), 10_000);
  await stopProcess(pidFile); // removes the stale pid file
  await sleep(DOWN_MS);
  await restart(node, spec, healthy);
  await recovered(load);
}

/** True while a node's operations endpoint answers healthy. */
export const operationsHealthy = (node: NodeSpec) => async (): Promise<boolean> =>
  (await probe(`http://${node.host}:${String(node.operationsPort)}/healthz`)).healthy;

/**
 * While a node an endorsement needs is down, callers are told to retry later
 * (503 with Retry-After, or a 504 for a commit not confirmed in time), never
 * that the ledger rejected their request.
 */
export function expectOnlyRetryLater(phase: PhaseFigures): void {
  expect(Object.keys(phase.failedByStatus).filter((s) => s !== '503' && s !== '504')).toEqual([]);
}

/** Four cards of people the load presents, born on days `birthPrefix`1 to 4 (`yyyymmd`). */
export function faultPeople(birthPrefix: string): PresentedCard[] {
  return ['201', '202', '203', '204'].map((seq, i) => ({
    idNumber: idNumberFor('110105', `${birthPrefix}${String(i + 1)}`, seq),
    name: `测试故障${String(i + 1)}`,
    validFrom: '2021-05-10',
    validUntil: '2041-05-10',
  }));
}

/** Issues the cards and starts six callers verifying them as LIB-0001, each request retried until acknowledged. */
export async function startLoad(
  net: FullNetwork,
  people: readonly PresentedCard[],
): Promise<VerificationLoad> {
  for (const person of people) {
    expectStatus(
      await net.api.post('/v1/cards', net.keys.officer1 ?? '', {
        ...person,
        kind: 'RESIDENT_CARD',
        reasonCode: 'FIRST_ISSUE',
        occurredAt: '2021-05-10T02:00:00Z',
      }),
      201,
    );
  }
  const load = new VerificationLoad(
    net.api,
    net.keys['unit-lib-0001'] ?? '',
    people,
    'LIBRARY_MEMBERSHIP',
    6,
  );
  load.phase('steady');
  load.start();
  await sleep(10_000);
  return load;
}

/** Every verification record of LIB-0001, as the auditor lists them. */
async function unitRecords(net: FullNetwork): Promise<VerificationRecord[]> {
  const auditor = net.keys.auditor1 ?? '';
  const records: VerificationRecord[] = [];
  let bookmark = '';
  do {
    const page = expectStatus(
      await net.api.get<Page<VerificationRecord>>(
        `/v1/verifications?unitId=LIB-0001&pageSize=200${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`,
        auditor,
      ),
      200,
    );
    records.push(...page.items);
    bookmark = page.items.length === 0 ? '' : page.bookmark;
  } while (bookmark !== '');
  return records;
}

/**
 * Stops the load, prints its figures and checks the ledger against its
 * journal: one height everywhere, every acknowledged record there exactly
 * once, no request id twice, and `idcard audit replay` of a copy of the
 * peer's ledger clean.
 */
export async function expectJournalOnLedger(net: FullNetwork, load: VerificationLoad): Promise<void> {
  const cfg = net.cfg;
  await load.stop();
  process.stdout.write(`fault figures:\n${load.phases.map((p) => `  ${JSON.stringify(p)}`).join('\n')}\n`);
  // Every peer first holds every block (a restarted peer catches up), then the gateway's reads see all.
  const heights = await settlePeers(cfg, heightReader(cfg));
  expect(new Set(heights.values()).size).toBe(1);
  const byRequest = new Map<string, VerificationRecord[]>();
  for (const r of await unitRecords(net))
    byRequest.set(r.requestId, [...(byRequest.get(r.requestId) ?? []), r]);
  const twice = [...byRequest].filter(([, rs]) => rs.length > 1).map(([id]) => id);
  expect(twice).toEqual([]);
  // The record is what was acknowledged: a retried request answered from the first record
  // (replayed) carries the replay's transaction id, so records are matched by record id.
  const missing = [...load.journal.values()].filter(
    (ack) => byRequest.get(ack.key)?.[0]?.recordId !== ack.recordId,
  );
  // For a failure message that says where each missing record is: read it back by id.
  const lookedUp = await Promise.all(
    missing.map(async (ack) => {
      const res = await net.api.get<VerificationRecord>(
        `/v1/verifications/${ack.recordId}`,
        net.keys.auditor1 ?? '',
      );
      const body = res.body as Partial<VerificationRecord>;
      return { ...ack, byId: res.status, requestId: body.requestId, txTime: body.txTime };
    }),
  );
  expect(lookedUp).toEqual([]);
  expect(load.journal.size).toBeGreaterThan(50);

  const work = mkdtempSync(join(cfg.dataDir, 'audit-'));
  const run = runAuditCli(cfg, work, [
    'replay',
    '--ledger-dir',
    copyPeerLedger(cfg, work, 'ledger'),
    '--quiet',
  ]);
  expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
}
