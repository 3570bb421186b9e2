/** Auditor: every unit's verifications by result over the last 30 days, from the live ledger. */
import { BarChart } from '../components/bar-chart';
import { Outcome } from '../components/outcome';
import { useLoaded } from '../components/use-action';
import { useConsole } from '../context';
import type { Accountability, Page, Unit } from '../records';
import { segment } from '../api';

const DAYS = 30;

/** The auditor's accountability page. */
export function AuditorAccountabilityPage() {
  const { api, t } = useConsole();
  const load = useLoaded(async () => {
    const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
    const units = await api.get<Page<Unit>>('/v1/units', { pageSize: 200 });
    const reports = await Promise.all(
      units.items.map((u) =>
        api.get<Accountability>(`/v1/units/${segment(u.unitId)}/accountability`, { from }),
      ),
    );
    return reports.flatMap((r) => r.units);
  });
  return (
    <>
      <Outcome
        of={load}
        show={(units) => (
          <BarChart
            title={`${t('perUnit')} (${t('chartDays', { days: DAYS })})`}
            bars={units.map((u) => ({ label: u.unitId, segments: u.byResult }))}
          />
        )}
      />
    </>
  );
}
