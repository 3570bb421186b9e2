/** Officer: find a person's cards by ID number (sent in a POST body), then open one. */
import { useState } from 'preact/hooks';
import { ActionForm, TextField, textOf } from '../components/fields';
import { ProblemAlert } from '../components/problem-alert';
import { Table } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { CardSummary } from '../records';
import { CardDetail } from './card-detail';

/** The officer's card page. */
export function OfficerCardPage() {
  const { api, t, l } = useConsole();
  const [open, setOpen] = useState<string | undefined>(undefined);
  const find = useAction(async (idNumber: string) => {
    setOpen(undefined);
    return api.post<{ cards: readonly CardSummary[] }>('/v1/citizen/cards', { idNumber });
  });
  return (
    <div>
      <h2>{t('pageCard')}</h2>
      <ActionForm
        submit={t('findCards')}
        busy={find.busy}
        onSubmit={(form) => void find.run(textOf(form, 'idNumber'))}
      >
        <TextField label={t('idNumber')} name="idNumber" help={t('idNumberHelp')} />
      </ActionForm>
      <ProblemAlert error={find.error} />
      {find.result === undefined ? null : (
        <Table
          caption={t('cardsOf')}
          rows={find.result.cards}
          rowKey={(c) => c.cardRef}
          columns={[
            { header: t('cardRef'), cell: (c) => <code>{c.cardRef}</code> },
            { header: t('effectiveState'), cell: (c) => l(c.effectiveState) },
            { header: t('validFrom'), cell: (c) => c.validFrom },
            { header: t('validUntil'), cell: (c) => l(c.validUntil) },
            {
              header: t('actions'),
              cell: (c) => (
                <button
                  type="button"
                  onClick={() => {
                    setOpen(c.cardRef);
                  }}
                  aria-label={`${t('open')} ${c.cardRef}`}
                >
                  {t('open')}
                </button>
              ),
            },
          ]}
        />
      )}
      {open === undefined ? null : <CardDetail cardRef={open} />}
    </div>
  );
}
