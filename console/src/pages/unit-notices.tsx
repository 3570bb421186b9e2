/** Relying unit: the status changes of the cards it checked (status notices, within the retention window). */
import { Outcome } from '../components/outcome';
import { Table, When, type Column } from '../components/table';
import { useLoaded } from '../components/use-action';
import { useConsole } from '../context';
import type { Page, StatusNotice } from '../records';

/** The unit's status notices page (cards it checked that changed since). */
export function UnitNoticesPage() {
  const { api, me, t, l } = useConsole();
  const load = useLoaded(() =>
    api.get<Page<StatusNotice>>('/v1/status-notices', { unitId: me.unit ?? '', pageSize: 100 }),
  );
  const columns: readonly Column<StatusNotice>[] = [
    { header: t('cardRef'), cell: (n) => <code>{n.cardRef}</code> },
    { header: t('state'), cell: (n) => l(n.state) },
    { header: t('changedAt'), cell: (n) => <When at={n.changedAt} /> },
    { header: t('checkedAt'), cell: (n) => <When at={n.checkedAt} /> },
  ];
  return (
    <>
      <button type="button" onClick={() => void load.run()} disabled={load.busy}>
        {t('refresh')}
      </button>
      <Outcome
        of={load}
        show={(page) => (
          <Table caption={t('pageNotices')} rows={page.items} rowKey={(n) => n.noticeId} columns={columns} />
        )}
      />
    </>
  );
}
