/** Relying unit: its own verifications, per-day chart, and its accountability by result and purpose. */
import { useEffect } from 'preact/hooks';
import { segment } from '../api';
import { BarChart } from '../components/bar-chart';
import { ProblemAlert } from '../components/problem-alert';
import { Table, When } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import { dailyVolumes } from '../daily-volumes';
import type { Accountability, Page, Verification } from '../records';

const DAYS = 14;

/** The unit's history page. */
export function UnitHistoryPage() {
  const { api, me, t, l } = useConsole();
  const load = useAction(async () => {
    const unitId = me.unit ?? '';
    const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
    const [list, report] = await Promise.all([
      api.get<Page<Verification>>('/v1/verifications', { unitId, from, pageSize: 200 }),
      api.get<Accountability>(`/v1/units/${segment(unitId)}/accountability`, { from }),
    ]);
    return { list: list.items, unit: report.units[0] };
  });
  useEffect(() => {
    void load.run();
  }, []);
  const data = load.result;
  return (
    <div>
      <h2>{t('pageHistory')}</h2>
      <button type="button" onClick={() => void load.run()} disabled={load.busy}>
        {t('refresh')}
      </button>
      <ProblemAlert error={load.error} />
      {data === undefined ? null : (
        <>
          <BarChart
            title={`${t('chartTitle')} (${t('chartDays', { days: DAYS })})`}
            bars={dailyVolumes(data.list, DAYS, new Date()).map((d) => ({
              label: d.day.slice(5),
              segments: d.byResult,
            }))}
          />
          {data.unit === undefined ? null : (
            <div class="two">
              <BarChart
                title={t('byResult')}
                bars={Object.entries(data.unit.byResult).map(([k, n]) => ({
                  label: l(k),
                  segments: { [k]: n },
                }))}
              />
              <BarChart
                title={t('byPurpose')}
                bars={Object.entries(data.unit.byPurpose).map(([k, n]) => ({
                  label: l(k),
                  segments: { [k]: n },
                }))}
              />
            </div>
          )}
          <Table
            caption={t('pageHistory')}
            rows={data.list}
            rowKey={(v) => v.recordId}
            columns={[
              { header: t('time'), cell: (v) => <When at={v.txTime} /> },
              { header: t('purpose'), cell: (v) => l(v.purpose) },
              {
                header: t('result'),
                cell: (v) => `${l(v.result)}${v.reason === null ? '' : ` (${l(v.reason)})`}`,
              },
              { header: t('recordId'), cell: (v) => <code>{v.recordId}</code> },
              { header: t('cardRef'), cell: (v) => <code>{v.cardRef ?? '—'}</code> },
            ]}
          />
        </>
      )}
    </div>
  );
}
