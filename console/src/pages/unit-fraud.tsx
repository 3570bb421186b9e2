/** Relying unit: report fraud about a card it checked; and the status changes of cards it checked. */
import { FRAUD_CATEGORIES } from '@idcard/common';
import { ActionForm, SelectField, TextField, textOf } from '../components/fields';
import { ProblemAlert } from '../components/problem-alert';
import { Table, When } from '../components/table';
import { useAction, useLoaded } from '../components/use-action';
import { useConsole } from '../context';
import type { Committed, Page, StatusNotice } from '../records';

/** The unit's fraud report page. */
export function UnitFraudPage() {
  const { api, t } = useConsole();
  const report = useAction((body: Record<string, string>) =>
    api.post<Committed<{ reportId: string }>>('/v1/fraud-reports', body),
  );
  return (
    <div>
      <h2>{t('pageFraud')}</h2>
      <ActionForm
        submit={t('reportFraud')}
        busy={report.busy}
        onSubmit={(form) => {
          const recordId = textOf(form, 'recordId');
          void report.run({
            cardRef: textOf(form, 'cardRef'),
            category: textOf(form, 'category'),
            ...(recordId === '' ? {} : { recordId }),
          });
        }}
      >
        <TextField label={t('cardRef')} name="cardRef" />
        <SelectField label={t('category')} name="category" codes={FRAUD_CATEGORIES} />
        <TextField label={t('recordId')} name="recordId" required={false} />
      </ActionForm>
      <ProblemAlert error={report.error} />
      {report.result === undefined ? null : (
        <p role="status">{t('reported', { reportId: report.result.result.reportId })}</p>
      )}
    </div>
  );
}

/** The unit's status notices page (cards it checked that changed since). */
export function UnitNoticesPage() {
  const { api, me, t, l } = useConsole();
  const load = useLoaded(() =>
    api.get<Page<StatusNotice>>('/v1/status-notices', { unitId: me.unit ?? '', pageSize: 100 }),
  );
  return (
    <div>
      <h2>{t('pageNotices')}</h2>
      <button type="button" onClick={() => void load.run()} disabled={load.busy}>
        {t('refresh')}
      </button>
      <ProblemAlert error={load.error} />
      {load.result === undefined ? null : (
        <Table
          caption={t('pageNotices')}
          rows={load.result.items}
          rowKey={(n) => n.noticeId}
          columns={[
            { header: t('cardRef'), cell: (n) => <code>{n.cardRef}</code> },
            { header: t('state'), cell: (n) => l(n.state) },
            { header: t('changedAt'), cell: (n) => <When at={n.changedAt} /> },
            { header: t('checkedAt'), cell: (n) => <When at={n.checkedAt} /> },
          ]}
        />
      )}
    </div>
  );
}
