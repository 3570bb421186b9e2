/** Officer (citizen view): who checked a card, and who read that trail. */
import { TRAIL_READ_PURPOSES } from '@idcard/common';
import { ActionPanel } from '../components/action-panel';
import { SelectField, TextField, textOf } from '../components/fields';
import { Table, When, type Column } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole, type ConsoleContext } from '../context';
import { resultLabel } from '../labels';
import type { Page, TrailRead, Verification } from '../records';

/** When, by which unit and why: the columns both lists of the trail start with. */
function whoColumns<T>(
  { t, l }: Pick<ConsoleContext, 't' | 'l'>,
  of: (row: T) => { readonly at: string; readonly unit: string; readonly purpose: string },
): Column<T>[] {
  return [
    { header: t('time'), cell: (row) => <When at={of(row).at} /> },
    { header: t('unit'), cell: (row) => of(row).unit },
    { header: t('purpose'), cell: (row) => l(of(row).purpose) },
  ];
}

/** The officer's "who checked my card" page. */
export function OfficerCitizenPage() {
  const ctx = useConsole();
  const { api, lang, t } = ctx;
  const trail = useAction(async (form: FormData) => {
    const card = { idNumber: textOf(form, 'idNumber'), validFrom: textOf(form, 'validFrom') };
    const checks = await api.post<Page<Verification>>('/v1/citizen/verifications', {
      ...card,
      purpose: textOf(form, 'purpose'),
    });
    const reads = await api.post<Page<TrailRead>>('/v1/citizen/who-looked', card);
    return { checks: checks.items, reads: reads.items };
  });
  return (
    <>
      <ActionPanel
        action={trail}
        submit={t('showChecks')}
        show={({ checks, reads }) => (
          <>
            <Table
              caption={t('whoChecked')}
              rows={checks}
              rowKey={(v) => v.recordId}
              columns={[
                ...whoColumns(ctx, (v: Verification) => ({
                  at: v.txTime,
                  unit: v.unitId,
                  purpose: v.purpose,
                })),
                { header: t('result'), cell: (v) => resultLabel(lang, v.result, v.reason) },
              ]}
            />
            <Table
              caption={t('whoLooked')}
              rows={reads}
              rowKey={(r) => r.readId}
              columns={whoColumns(ctx, (r: TrailRead) => ({
                at: r.txTime,
                unit: r.officerUnit,
                purpose: r.purpose,
              }))}
            />
          </>
        )}
      >
        <TextField label={t('idNumber')} name="idNumber" help={t('idNumberHelp')} />
        <TextField label={t('validFrom')} name="validFrom" type="date" />
        <SelectField label={t('readPurpose')} name="purpose" codes={TRAIL_READ_PURPOSES} />
      </ActionPanel>
    </>
  );
}
