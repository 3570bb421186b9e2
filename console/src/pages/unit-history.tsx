/**
 * Relying unit: its own verifications (page by page), a per-day chart and
 * charts by result and purpose. Every count comes from the gateway's
 * accountability report (all records of the range), one range per day.
 */
import { useEffect } from 'preact/hooks';
import { segment } from '../api';
import { BarChart, barsByCode } from '../components/bar-chart';
import { ProblemAlert } from '../components/problem-alert';
import { Table, When } from '../components/table';
import { useAction } from '../components/use-action';
import { usePages } from '../components/use-pages';
import { useConsole } from '../context';
import { resultLabel } from '../labels';
import { cstDayRanges } from '../daily-volumes';
import type { Accountability, Page, UnitAccountability, Verification } from '../records';

const DAYS = 14;
const PAGE = 50;

/** The unit's history page. */
export function UnitHistoryPage() {
  const { api, me, lang, t, l } = useConsole();
  const unitId = me.unit ?? '';
  const report = (from: string, to: string): Promise<UnitAccountability | undefined> =>
    api
      .get<Accountability>(`/v1/units/${segment(unitId)}/accountability`, { from, to })
      .then((r) => r.units[0]);
  const days = cstDayRanges(DAYS, new Date());
  const charts = useAction(async () => {
    const perDay = await Promise.all(days.map((d) => report(d.from, d.to)));
    const first = days[0];
    const last = days[days.length - 1];
    const whole = first === undefined || last === undefined ? undefined : await report(first.from, last.to);
    return { perDay, whole };
  });
  const list = usePages<Verification>(PAGE, (bookmark) =>
    api.get<Page<Verification>>('/v1/verifications', {
      unitId,
      from: days[0]?.from,
      pageSize: PAGE,
      bookmark,
    }),
  );
  const refresh = (): void => {
    void charts.run();
    void list.first();
  };
  useEffect(refresh, []);
  const data = charts.result;
  return (
    <>
      <button type="button" onClick={refresh} disabled={charts.busy || list.busy}>
        {t('refresh')}
      </button>
      <ProblemAlert error={charts.error} />
      {data === undefined ? null : (
        <>
          <BarChart
            title={`${t('chartTitle')} (${t('chartDays', { days: DAYS })})`}
            bars={days.map((d, i) => ({ label: d.day.slice(5), segments: data.perDay[i]?.byResult ?? {} }))}
          />
          {data.whole === undefined ? null : (
            <div class="two">
              <BarChart title={t('byResult')} bars={barsByCode(data.whole.byResult, l)} />
              <BarChart title={t('byPurpose')} bars={barsByCode(data.whole.byPurpose, l)} />
            </div>
          )}
        </>
      )}
      <ProblemAlert error={list.error} />
      {list.items === undefined ? null : (
        <Table
          caption={t('pageHistory')}
          rows={list.items}
          rowKey={(v) => v.recordId}
          columns={[
            { header: t('time'), cell: (v) => <When at={v.txTime} /> },
            { header: t('purpose'), cell: (v) => l(v.purpose) },
            {
              header: t('result'),
              cell: (v) => resultLabel(lang, v.result, v.reason),
            },
            { header: t('recordId'), cell: (v) => <code>{v.recordId}</code> },
            { header: t('cardRef'), cell: (v) => <code>{v.cardRef ?? '—'}</code> },
          ]}
        />
      )}
      {list.more ? (
        <button type="button" onClick={() => void list.next()} disabled={list.busy}>
          {list.busy ? t('loading') : t('more')}
        </button>
      ) : null}
    </>
  );
}
