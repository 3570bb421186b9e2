/**
 * Replay speed measurement (not a test): builds a ledger of 20,000+
 * endorser transactions in Fabric block files, replays it, prints tx/s.
 *   npx tsx --tsconfig tsconfig.check.json bench/src/replay-speed.ts [transactions] [perBlock]
 * (the ledger is built by the audit package's test support, whose door is
 * `@idcard/audit/testing`; tsconfig.check.json maps it).
 */
import { blockfileSource, buildAuditReport, replayLedger } from '@idcard/audit';
import { ChaincodeModel, createTestNetwork, tempDirs, TestLedger } from '@idcard/audit/testing';

const PURPOSES = ['ACCOUNT_OPENING', 'LOAN_APPLICATION', 'PERIODIC_REVIEW'];

function buildLedger(transactions: number, perBlock: number): TestLedger {
  const network = createTestNetwork();
  const ledger = new TestLedger(network);
  const model = new ChaincodeModel();
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < transactions; i += 1) {
    const time = new Date(base + i * 1000).toISOString();
    const card = `card-${i % 2000}`;
    if (i < 2000)
      ledger.transact(network.officer, time, model.issueCard(card, `person-${i}`, '2020-01-01', time));
    else
      ledger.transact(network.verifierOf(`BANK-00${i % 7}`), time, (txId) =>
        model.verify(
          txId,
          time,
          `BANK-00${i % 7}`,
          `req-${i}`,
          PURPOSES[i % 3] ?? 'ACCOUNT_OPENING',
          card,
          'VALID',
          null,
        ),
      );
    if ((i + 1) % perBlock === 0) ledger.cut();
  }
  ledger.cut();
  return ledger;
}

async function main(): Promise<void> {
  const transactions = Number(process.argv[2] ?? 20000);
  const perBlock = Number(process.argv[3] ?? 100);
  const dirs = tempDirs();
  try {
    let started = Date.now();
    const ledger = buildLedger(transactions, perBlock);
    const dir = dirs.make();
    ledger.writeBlockfiles(dir);
    console.log(
      `built ${ledger.blocks.length} blocks, ${transactions} transactions in ${Date.now() - started} ms`,
    );
    started = Date.now();
    const result = await replayLedger({
      source: blockfileSource({ channelDir: dir }),
      onProgress: (p) => {
        if (!p.done) console.log(`  block ${p.lastBlock}: ${Math.round(p.transactionsPerSecond)} tx/s`);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    const report = buildAuditReport(result);
    console.log(
      `replayed ${report.blocks.replayed} blocks, ${report.transactions.total} transactions in ${seconds.toFixed(2)} s: ` +
        `${Math.round(report.transactions.total / seconds)} tx/s (ok=${String(report.ok)})`,
    );
  } finally {
    dirs.cleanup();
  }
}

void main();
