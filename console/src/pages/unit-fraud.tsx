/** Relying unit: report fraud about a card it checked. */
import { FRAUD_CATEGORIES } from '@idcard/common';
import { ActionPanel } from '../components/action-panel';
import { SelectField, TextField, textOf } from '../components/fields';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { Committed } from '../records';

/** The report's body: the record it concerns only when one is named. */
function reportOf(form: FormData): Record<string, string> {
  const recordId = textOf(form, 'recordId');
  return {
    cardRef: textOf(form, 'cardRef'),
    category: textOf(form, 'category'),
    ...(recordId === '' ? {} : { recordId }),
  };
}

/** The unit's fraud report page. */
export function UnitFraudPage() {
  const { api, t } = useConsole();
  const report = useAction((form: FormData) =>
    api.post<Committed<{ reportId: string }>>('/v1/fraud-reports', reportOf(form)),
  );
  return (
    <>
      <ActionPanel
        action={report}
        submit={t('reportFraud')}
        show={(done) => <p role="status">{t('reported', { reportId: done.result.reportId })}</p>}
      >
        <TextField label={t('cardRef')} name="cardRef" />
        <SelectField label={t('category')} name="category" codes={FRAUD_CATEGORIES} />
        <TextField label={t('recordId')} name="recordId" required={false} />
      </ActionPanel>
    </>
  );
}
