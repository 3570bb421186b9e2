/**
 * DESIGN §2's endorsement guarantees against an attacker, on the real
 * network (issue 13): every peer organisation runs its own chaincode server,
 * and here every one of them is replaced by an altered build (role checks
 * and guard keys removed), so any two organisations can make their peers
 * endorse whatever they like. Validation must still refuse, with
 * ENDORSEMENT_POLICY_FAILURE, and leave the state as it was:
 *   - a card issued, or a card's status changed, by RelyingPartyMSP + BigDataBureauMSP;
 *   - a unit registered by PublicSecurityMSP + RelyingPartyMSP;
 *   - an eID token created by RelyingPartyMSP + BigDataBureauMSP;
 * and a new chaincode definition approved and committed by the RelyingPartyMSP
 * and BigDataBureauMSP admins is refused. With the honest servers back, the
 * honest path commits (issuance, transition, verification single and batch,
 * unit, eID token, fraud report).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { runCommand } from '@idcard/ca-client';
import { MSP_IDS, type Card } from '@idcard/common';
import {
  approveArgs,
  commitArgs,
  adminPeerEnv,
  networkUp,
  nodeDataDirs,
  peerNodes,
  queryCommittedChaincode,
  type ResolvedConfig,
  type UpResult,
} from '@idcard/network';
import { runChaincodeServerFrom, writeAlteredChaincode } from '../support/altered-chaincode';
import { submitAndCommit } from '../support/fabric-client';
import { heightReader, waitForPeersLevel } from '../support/fabric-heights';
import {
  AGENCIES,
  bootstrapGuards,
  evaluateOn,
  ledgerClients,
  registerLibrary,
  submitWhenEndorsable,
  testReference,
  type Committed,
  type LedgerClients,
} from '../support/ledger-clients';
import { closeAndStop } from '../support/teardown';
import { testNetworkConfig } from '../support/test-network';

const OFFICER = 'officer1';
const OPERATOR = 'operator1';
const AUDITOR = 'auditor1';
const UNIT = 'unit-lib-0001';
const RP = MSP_IDS.relyingParty;
const BDB = MSP_IDS.bigDataBureau;
const PS = MSP_IDS.publicSecurity;
const ORGS = ['publicsecurity', 'bigdata', 'relyingparty'] as const;
const ALL = [PS, BDB, RP];
/** The unit the altered build writes every record under (the signer is unit-lib-0001, unit LIB-0001). */
const FORGED_UNIT = 'LIB-0002';

const issueArgs = (cardRef: string): string[] => [
  cardRef,
  testReference(),
  testReference(),
  'RESIDENT_CARD',
  '2021-05-10',
  '2041-05-10',
  'FIRST_ISSUE',
  '2026-01-05T02:00:00Z',
];

describe('endorsement guarantees against altered chaincode on two organisations (real network)', () => {
  let cfg: ResolvedConfig;
  let up: UpResult;
  let clients: LedgerClients;
  const honestCard = testReference();

  const expectPolicyFailure = (committed: Committed): void => {
    expect(committed.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
  };

  /** A card on every organisation's peer, or the chaincode's NOT_FOUND message. */
  const cardOnEveryPeer = (cardRef: string): Promise<(Card | string)[]> =>
    Promise.all(
      ALL.map((mspId) =>
        evaluateOn<Card>(
          clients.as(AUDITOR, clients.peerOf(mspId).name).contract('cards'),
          'GetCard',
          [cardRef],
          mspId,
        ).catch((err: unknown) => String((err as { details?: { message: string }[] }).details?.[0]?.message)),
      ),
    );

  const useServers = async (packageDir: string, forgedUnit?: string): Promise<void> => {
    for (const org of ORGS) {
      await runChaincodeServerFrom(cfg, org, up.chaincode.packageId, packageDir, forgedUnit);
    }
  };

  beforeAll(async () => {
    cfg = await testNetworkConfig('guarantees');
    up = await networkUp(cfg, () => undefined);
    clients = ledgerClients(cfg, up.identities);
    await bootstrapGuards(clients, OPERATOR);
    expect((await registerLibrary(clients, OPERATOR, 'LIB-0001')).code).toBe(StatusCode.VALID);
    const issued = await submitWhenEndorsable(
      clients.as(OFFICER).contract('cards'),
      'IssueCard',
      issueArgs(honestCard),
      AGENCIES,
    );
    expect(issued.code).toBe(StatusCode.VALID);
    const altered = writeAlteredChaincode(cfg, join(cfg.dataDir, 'altered-chaincode'));
    await useServers(altered, FORGED_UNIT);
    clients.closeAll();
  }, 600_000);

  afterAll(() => closeAndStop(cfg, clients), 120_000);

  it('refuses a card issued by RelyingPartyMSP + BigDataBureauMSP running altered code; no card exists', async () => {
    const cardRef = testReference();
    const committed = await submitWhenEndorsable(
      clients.as(OPERATOR).contract('cards'),
      'IssueCard',
      issueArgs(cardRef),
      [RP, BDB],
    );
    expectPolicyFailure(committed);
    for (const answer of await cardOnEveryPeer(cardRef)) expect(answer).toMatch(/NOT_FOUND: no card/);
  }, 180_000);

  it('refuses a status change by RelyingPartyMSP + BigDataBureauMSP; the card stays VALID', async () => {
    const committed = await submitAndCommit(
      clients.as(OPERATOR).contract('cards'),
      'ReportLost',
      [honestCard, '2026-01-06T02:00:00Z'],
      [RP, BDB],
    );
    expectPolicyFailure(committed);
    for (const card of await cardOnEveryPeer(honestCard)) expect(card).toMatchObject({ state: 'VALID' });
  }, 180_000);

  it('refuses a unit registered by PublicSecurityMSP + RelyingPartyMSP; the unit does not exist', async () => {
    const committed = await submitAndCommit(
      clients.as(UNIT).contract('units'),
      'RegisterUnit',
      ['BANK-6666', 'BANK', JSON.stringify(['ACCOUNT_OPENING']), 'Rogue bank'],
      [PS, RP],
    );
    expectPolicyFailure(committed);
    await expect(
      evaluateOn(
        clients.as(AUDITOR, clients.peerOf(BDB).name).contract('units'),
        'GetUnit',
        ['BANK-6666'],
        BDB,
      ),
    ).rejects.toThrow();
  }, 180_000);

  it('refuses an eID token created by RelyingPartyMSP + BigDataBureauMSP', async () => {
    const tokenHash = 'ab'.repeat(32);
    const committed = await submitAndCommit(
      clients.as(OPERATOR).contract('eid'),
      'IssueEidToken',
      [tokenHash, honestCard, new Date(Date.now() + 60_000).toISOString()],
      [RP, BDB],
    );
    expectPolicyFailure(committed);
  }, 180_000);

  it('refuses a new chaincode definition approved and committed by the RelyingPartyMSP and BigDataBureauMSP admins', async () => {
    const before = await queryCommittedChaincode(cfg, up.programs, up.identities, fabricCfgDirOf(cfg));
    if (before === undefined) throw new Error('no committed chaincode');
    const def = { sequence: before.sequence + 1, version: `${before.version}-rogue` };
    const attackers = peerNodes(cfg).filter((p) => p.mspId !== PS);
    for (const peer of attackers) {
      const res = await asAdmin(peer, approveArgs(cfg, def, up.chaincode.packageId));
      expect({ peer: peer.name, code: res.code, stderr: res.stderr }).toMatchObject({ code: 0 });
    }
    const [first] = attackers;
    if (first === undefined) throw new Error('no attacking peer');
    const commit = withoutPeersOf(commitArgs(cfg, def), PS);
    const res = await asAdmin(first, commit);
    expect(res.code).not.toBe(0);
    expect(await queryCommittedChaincode(cfg, up.programs, up.identities, fabricCfgDirOf(cfg))).toEqual(
      before,
    );
  }, 180_000);

  it('the audit replay names a record the two agencies wrote under another unit than its signer', async () => {
    const forged = await submitAndCommit(
      clients.as(UNIT).contract('verification'),
      'VerifyCard',
      [
        'forged-1',
        'LIBRARY_MEMBERSHIP',
        honestCard,
        testReference(),
        testReference(),
        '2021-05-10',
        '2041-05-10',
      ],
      [PS, BDB],
    );
    // Both agencies endorsed: the policy is met, so only the audit can tell.
    expect(forged.code).toBe(StatusCode.VALID);
    const record = JSON.parse(forged.result) as { recordId: string; unitId: string };
    expect(record.unitId).toBe(FORGED_UNIT);
    const peer = peerNodes(cfg).find((p) => p.mspId === RP);
    if (peer === undefined) throw new Error('no relying-party peer');
    await waitForPeersLevel(cfg, heightReader(cfg), Number(forged.blockNumber) + 1);
    const work = mkdtempSync(join(cfg.dataDir, 'audit-'));
    cpSync(nodeDataDirs(peer).ledger, join(work, 'ledger'), { recursive: true });
    const run = spawnSync(
      process.execPath,
      [
        join(cfg.projectRoot, 'scripts', 'bin', 'idcard.js'),
        'audit',
        'replay',
        '--ledger-dir',
        join(work, 'ledger'),
        '--json',
        join(work, 'report.json'),
        '--quiet',
      ],
      { cwd: cfg.projectRoot, encoding: 'utf8', timeout: 300_000 },
    );
    expect(run.status).toBe(1);
    const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as {
      ok: boolean;
      integrity: { failures: unknown[] };
    };
    expect(report.ok).toBe(false);
    expect(report.integrity.failures).toContainEqual(
      expect.objectContaining({
        kind: 'record-unit-mismatch',
        txId: forged.txId,
        record: expect.objectContaining({
          recordId: record.recordId,
          claimedUnit: FORGED_UNIT,
          certifiedUnit: 'LIB-0001',
          problem: 'unit-differs',
        }) as unknown,
      }),
    );
  }, 300_000);

  it('still commits the honest path once every organisation runs honest code again', async () => {
    await useServers(join(cfg.projectRoot, 'chaincode'));
    const cardRef = testReference();
    const issued = await submitWhenEndorsable(
      clients.as(OFFICER).contract('cards'),
      'IssueCard',
      issueArgs(cardRef),
      AGENCIES,
    );
    expect(issued.code).toBe(StatusCode.VALID);
    const card = JSON.parse(issued.result) as Card;
    const verify = await submitAndCommit(clients.as(UNIT).contract('verification'), 'VerifyCard', [
      'honest-1',
      'LIBRARY_MEMBERSHIP',
      card.cardRef,
      card.personRef,
      testReference(),
      card.validFrom,
      card.validUntil,
    ]);
    expect(verify.code).toBe(StatusCode.VALID);
    const lost = await submitAndCommit(
      clients.as(OFFICER).contract('cards'),
      'ReportLost',
      [cardRef, '2026-01-06T02:00:00Z'],
      [...AGENCIES],
    );
    expect(lost.code).toBe(StatusCode.VALID);
    const unit = await registerLibrary(clients, OPERATOR, 'LIB-0002');
    expect(unit.code).toBe(StatusCode.VALID);
  }, 300_000);

  function fabricCfgDirOf(c: ResolvedConfig): string {
    return join(c.dataDir, 'fabric-config');
  }

  function asAdmin(peer: ReturnType<typeof peerNodes>[number], args: string[]) {
    const admin = up.identities.admins.get(peer.org);
    if (admin === undefined) throw new Error(`no admin of ${peer.org}`);
    return runCommand(up.programs.peer, args, {
      env: adminPeerEnv(cfg, up.programs, peer, admin, fabricCfgDirOf(cfg)),
      timeoutMs: 120_000,
    });
  }

  /** The peer CLI arguments without the `--peerAddresses A --tlsRootCertFiles F` pairs of an organisation's peers. */
  function withoutPeersOf(args: string[], mspId: string): string[] {
    const skip = new Set(
      peerNodes(cfg)
        .filter((p) => p.mspId === mspId)
        .map((p) => `${p.host}:${String(p.port)}`),
    );
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--peerAddresses' && skip.has(args[i + 1] ?? '')) i += 3;
      else out.push(args[i] ?? '');
    }
    return out;
  }
});
