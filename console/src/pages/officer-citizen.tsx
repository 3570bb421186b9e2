/** Officer (citizen view): who checked a card, and who read that trail. */
import { TRAIL_READ_PURPOSES } from '@idcard/common';
import { ActionForm, SelectField, TextField, textOf } from '../components/fields';
import { ProblemAlert } from '../components/problem-alert';
import { Table, When } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import { resultLabel } from '../labels';
import type { Page, TrailRead, Verification } from '../records';

/** The officer's "who checked my card" page. */
export function OfficerCitizenPage() {
  const { api, lang, t, l } = useConsole();
  const trail = useAction(async (idNumber: string, validFrom: string, purpose: string) => {
    const checks = await api.post<Page<Verification>>('/v1/citizen/verifications', {
      idNumber,
      validFrom,
      purpose,
    });
    const reads = await api.post<Page<TrailRead>>('/v1/citizen/who-looked', { idNumber, validFrom });
    return { checks: checks.items, reads: reads.items };
  });
  return (
    <div>
      <h2>{t('pageCitizen')}</h2>
      <ActionForm
        submit={t('showChecks')}
        busy={trail.busy}
        onSubmit={(form) =>
          void trail.run(textOf(form, 'idNumber'), textOf(form, 'validFrom'), textOf(form, 'purpose'))
        }
      >
        <TextField label={t('idNumber')} name="idNumber" help={t('idNumberHelp')} />
        <TextField label={t('validFrom')} name="validFrom" type="date" />
        <SelectField label={t('readPurpose')} name="purpose" codes={TRAIL_READ_PURPOSES} />
      </ActionForm>
      <ProblemAlert error={trail.error} />
      {trail.result === undefined ? null : (
        <>
          <Table
            caption={t('whoChecked')}
            rows={trail.result.checks}
            rowKey={(v) => v.recordId}
            columns={[
              { header: t('time'), cell: (v) => <When at={v.txTime} /> },
              { header: t('unit'), cell: (v) => v.unitId },
              { header: t('purpose'), cell: (v) => l(v.purpose) },
              {
                header: t('result'),
                cell: (v) => resultLabel(lang, v.result, v.reason),
              },
            ]}
          />
          <Table
            caption={t('whoLooked')}
            rows={trail.result.reads}
            rowKey={(r) => r.readId}
            columns={[
              { header: t('time'), cell: (r) => <When at={r.txTime} /> },
              { header: t('unit'), cell: (r) => r.officerUnit },
              { header: t('purpose'), cell: (r) => l(r.purpose) },
            ]}
          />
        </>
      )}
    </div>
  );
}
