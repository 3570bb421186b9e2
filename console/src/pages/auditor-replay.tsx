/** Auditor: replay the ledger (through the gateway, as the auditor) with per-unit charts and integrity findings. */
import { BarChart } from '../components/bar-chart';
import { ProblemAlert } from '../components/problem-alert';
import { Table } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';

/** What the console shows of an audit report (docs/audit.md). */
interface ReplayReport {
  readonly ok: boolean;
  readonly blocks: { readonly replayed: number; readonly lastBlock: number | null };
  readonly transactions: { readonly total: number; readonly valid: number };
  readonly verifications: {
    readonly byUnit: readonly {
      readonly unitId: string;
      readonly byResult: Readonly<Record<string, number>>;
    }[];
  };
  readonly integrity: {
    readonly ok: boolean;
    readonly failures: readonly Readonly<Record<string, unknown>>[];
  };
  readonly stateComparison: {
    readonly performed: boolean;
    readonly differences?: readonly Readonly<Record<string, unknown>>[];
  };
}

/** The auditor's replay page. */
export function AuditorReplayPage() {
  const { api, t } = useConsole();
  const replay = useAction(() => api.post<{ report: ReplayReport }>('/v1/audit/replays'));
  const report = replay.result?.report;
  return (
    <>
      <button type="button" onClick={() => void replay.run()} disabled={replay.busy}>
        {replay.busy ? t('loading') : t('runReplay')}
      </button>
      <ProblemAlert error={replay.error} />
      {report === undefined ? null : (
        <>
          <p role="status" class={report.ok ? 'ok' : 'bad'} data-ok={String(report.ok)}>
            {report.ok ? t('replayOk') : t('replayBad')}
          </p>
          <dl class="facts">
            <dt>{t('blocks')}</dt>
            <dd>{report.blocks.replayed}</dd>
            <dt>{t('transactions')}</dt>
            <dd>
              {report.transactions.valid} / {report.transactions.total}
            </dd>
          </dl>
          <BarChart
            title={t('perUnit')}
            bars={report.verifications.byUnit.map((u) => ({ label: u.unitId, segments: u.byResult }))}
          />
          <Table
            caption={t('findings')}
            rows={report.integrity.failures}
            rowKey={(f) => JSON.stringify(f)}
            columns={[{ header: t('findings'), cell: (f) => <code>{JSON.stringify(f)}</code> }]}
          />
          <Table
            caption={t('differences')}
            rows={report.stateComparison.differences ?? []}
            rowKey={(d) => JSON.stringify(d)}
            columns={[{ header: t('differences'), cell: (d) => <code>{JSON.stringify(d)}</code> }]}
          />
        </>
      )}
    </>
  );
}
