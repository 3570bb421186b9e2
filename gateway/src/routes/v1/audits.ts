/**
 * The auditors' endpoints: check a verification receipt a unit kept (its
 * signatures against the organisations' CAs, and its transaction on the
 * ledger, VALID), and replay the ledger into an audit report compared with
 * the world state. Both read the ledger as the calling auditor's own Fabric
 * identity, through the AuditPort (auditing/audit-port.ts).
 */
import { Type } from '@sinclair/typebox';
import { parseReceipt, ReceiptError, type VerificationReceipt } from '@idcard/audit';
import type { AuditPort } from '../../auditing/audit-port';
import { callerOf } from '../../plugins/authentication';
import { chargeWork } from '../../plugins/rate-limit';
import { ProblemError } from '../../problems';
import type { TypedInstance } from '../../typebox-provider';
import { ReceiptSchema } from './receipts';
import type { RouteContext } from './route-context';
import { AuditReplay, ReceiptCheck, problemResponses } from './components';
import { Body } from './schemas';

/** Ledger reads (blocks delivered, world-state queries) a replay makes per work unit, after the first ones. */
export const REPLAY_READS_PER_WORK_UNIT = 100;

/**
 * A receipt to check: the shape of ReceiptSchema (what verifications answer)
 * with what parseReceipt requires, so the schema documents and refuses it.
 */
const ReceiptBody = Type.Object(
  {
    ...ReceiptSchema.properties,
    txId: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    blockNumber: Type.Integer({ minimum: 0 }),
    record: Type.Object({}, { additionalProperties: true, description: 'The record the peers endorsed' }),
    transaction: Type.String({
      minLength: 1,
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
      description: 'Base64 of the committed transaction envelope',
    }),
  },
  {
    additionalProperties: false,
    description: 'A receipt as POST /v1/verifications answers it (its `receipt`)',
  },
);

/**
 * The port, or the problem of a gateway not configured for audits.
 * @throws ProblemError audit-unavailable
 */
function requireAudit(ctx: RouteContext): AuditPort {
  if (ctx.audit === undefined)
    throw new ProblemError(
      'audit-unavailable',
      "This gateway has no organisations' CA certificates configured (audit.organisations); ask an agency's gateway",
    );
  return ctx.audit;
}

/**
 * The receipt in the body, checked for shape (not signatures).
 * @throws ProblemError validation naming what is wrong
 */
function receiptOf(body: { receipt: unknown }): VerificationReceipt {
  try {
    return parseReceipt(JSON.stringify(body.receipt));
  } catch (err) {
    if (!(err instanceof ReceiptError)) throw err;
    throw new ProblemError('validation', `The receipt cannot be checked: ${err.message}`, {
      errors: [{ path: 'body/receipt', message: err.message }],
    });
  }
}

/** The auditors' routes. */
export function auditRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/audit/receipt-checks',
    {
      config: { roles: ['auditor'] },
      schema: {
        summary: 'Check a verification receipt: its signatures and its transaction on the ledger',
        description:
          'The same check as `idcard audit receipt FILE --online`, read as the calling auditor. A receipt that cannot be read is 400; a forged or altered one is 200 with `accepted: false` and the reasons.',
        operationId: 'checkReceipt',
        tags: ['audit'],
        body: Body({ receipt: ReceiptBody }, { title: 'ReceiptToCheck' }),
        response: { 200: ReceiptCheck.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const audit = requireAudit(ctx);
      const receipt = receiptOf(request.body);
      return audit.checkReceipt(caller.identity, receipt);
    },
  );

  // One replay at a time: each holds the whole rebuilt state in memory and streams every block.
  let replaying = false;
  app.post(
    '/v1/audit/replays',
    {
      config: { roles: ['auditor'] },
      schema: {
        summary: 'Replay the ledger and compare the rebuilt state with the world state',
        description: `The same as \`idcard audit replay --online\`, read as the calling auditor: every block from 0 to the height at the start, then the chaincode's queries. One replay at a time per gateway (another answers 409 conflict). Every ${String(REPLAY_READS_PER_WORK_UNIT)} ledger reads (blocks, queries) after the first ${String(REPLAY_READS_PER_WORK_UNIT)} cost a work unit.`,
        operationId: 'replayLedger',
        tags: ['audit'],
        response: { 200: AuditReplay.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const audit = requireAudit(ctx);
      if (replaying)
        throw new ProblemError(
          'conflict',
          'A replay is already running at this gateway; ask again when it has finished',
        );
      replaying = true;
      let reads = 0;
      const onRead = (): void => {
        reads += 1;
        // The request paid for the first reads; each later batch is charged as it starts.
        if (reads > REPLAY_READS_PER_WORK_UNIT && reads % REPLAY_READS_PER_WORK_UNIT === 1)
          chargeWork(
            ctx.work,
            caller.id,
            1,
            `Another ${String(REPLAY_READS_PER_WORK_UNIT)} ledger reads of the replay`,
          );
      };
      try {
        return { report: await audit.replay(caller.identity, { onRead }) };
      } finally {
        replaying = false;
      }
    },
  );
}
