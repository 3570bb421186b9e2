/** Operator: relying units (register, suspend, reinstate, purposes). */
import { useState } from 'preact/hooks';
import { PURPOSES, UNIT_CATEGORIES } from '@idcard/common';
import { segment } from '../api';
import { ActionForm, CheckboxGroup, SelectField, TextField, fieldsOf, textOf } from '../components/fields';
import { ActionPanel } from '../components/action-panel';
import { Outcome } from '../components/outcome';
import { ProblemAlert } from '../components/problem-alert';
import { Table, openColumn, type Column } from '../components/table';
import { useAction, useLoaded } from '../components/use-action';
import { useConsole } from '../context';
import type { Committed, Page, Unit } from '../records';

function UnitChanges({ unit, onChanged }: { readonly unit: Unit; readonly onChanged: () => void }) {
  const { api, t } = useConsole();
  const path = `/v1/units/${segment(unit.unitId)}`;
  const change = useAction(async (call: () => Promise<Committed<Unit>>) => {
    const done = await call();
    onChanged();
    return done;
  });
  return (
    <section class="unit-changes" aria-label={unit.unitId}>
      <h3>{unit.unitId}</h3>
      {unit.state === 'ACTIVE' ? (
        <ActionForm
          submit={t('suspend')}
          busy={change.busy}
          onSubmit={(form) =>
            void change.run(() => api.post(`${path}/suspend`, { reason: textOf(form, 'reason') }))
          }
        >
          <TextField
            label={t('suspendReason')}
            name="reason"
            help={t('suspendReasonHelp')}
            pattern="[A-Z_]{1,32}"
          />
        </ActionForm>
      ) : (
        <button
          type="button"
          disabled={change.busy}
          onClick={() => void change.run(() => api.post(`${path}/reinstate`))}
        >
          {t('reinstate')}
        </button>
      )}
      <ActionForm
        submit={t('savePurposes')}
        busy={change.busy}
        onSubmit={(form) =>
          void change.run(() =>
            api.put(`${path}/purposes`, { allowedPurposes: form.getAll('allowedPurposes') }),
          )
        }
      >
        <CheckboxGroup
          legend={t('allowedPurposes')}
          name="allowedPurposes"
          codes={PURPOSES}
          checked={unit.allowedPurposes}
        />
      </ActionForm>
      <ProblemAlert error={change.error} />
    </section>
  );
}

/** The operator's units page. */
export function OperatorUnitsPage() {
  const { api, t, l } = useConsole();
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const load = useLoaded(() => api.get<Page<Unit>>('/v1/units', { pageSize: 200 }));
  const register = useAction(async (form: FormData) => {
    const done = await api.post<Committed<Unit>>('/v1/admin/units', {
      ...fieldsOf(form, ['unitId', 'category', 'displayName']),
      allowedPurposes: form.getAll('allowedPurposes'),
    });
    void load.run();
    return done;
  });
  const unit = load.result?.items.find((u) => u.unitId === selected);
  const columns: readonly Column<Unit>[] = [
    { header: t('unitId'), cell: (u) => u.unitId },
    { header: t('displayName'), cell: (u) => u.displayName },
    { header: t('category'), cell: (u) => l(u.category) },
    { header: t('state'), cell: (u) => l(u.state) },
    { header: t('allowedPurposes'), cell: (u) => u.allowedPurposes.map(l).join('、') },
    openColumn(t, (u) => u.unitId, setSelected),
  ];
  return (
    <>
      <Outcome
        of={load}
        show={(units) => (
          <Table caption={t('pageUnits')} rows={units.items} rowKey={(u) => u.unitId} columns={columns} />
        )}
      />
      {unit === undefined ? null : <UnitChanges unit={unit} onChanged={() => void load.run()} />}
      <ActionPanel
        action={register}
        title={t('register')}
        submit={t('register')}
        show={(done) => <p role="status">{t('txInfo', { txId: done.txId, block: done.blockNumber })}</p>}
      >
        <TextField label={t('unitId')} name="unitId" />
        <TextField label={t('displayName')} name="displayName" />
        <SelectField label={t('category')} name="category" codes={UNIT_CATEGORIES} />
        <CheckboxGroup legend={t('allowedPurposes')} name="allowedPurposes" codes={PURPOSES} checked={[]} />
      </ActionPanel>
    </>
  );
}
