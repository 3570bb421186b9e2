/** Officer: find a person's cards by ID number (sent in a POST body), then open one. */
import { useState } from 'preact/hooks';
import { ActionPanel } from '../components/action-panel';
import { TextField, textOf } from '../components/fields';
import { Table, openColumn, type Column } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { CardSummary } from '../records';
import { CardDetail } from './card-detail';

/** The officer's card page. */
export function OfficerCardPage() {
  const { api, t, l } = useConsole();
  const [open, setOpen] = useState<string | undefined>(undefined);
  const find = useAction(async (form: FormData) => {
    setOpen(undefined);
    return api.post<{ cards: readonly CardSummary[] }>('/v1/citizen/cards', {
      idNumber: textOf(form, 'idNumber'),
    });
  });
  const columns: readonly Column<CardSummary>[] = [
    { header: t('cardRef'), cell: (c) => <code>{c.cardRef}</code> },
    { header: t('effectiveState'), cell: (c) => l(c.effectiveState) },
    { header: t('validFrom'), cell: (c) => c.validFrom },
    { header: t('validUntil'), cell: (c) => l(c.validUntil) },
    openColumn(t, (c) => c.cardRef, setOpen),
  ];
  return (
    <>
      <ActionPanel
        action={find}
        submit={t('findCards')}
        show={(found) => (
          <Table caption={t('cardsOf')} rows={found.cards} rowKey={(c) => c.cardRef} columns={columns} />
        )}
      >
        <TextField label={t('idNumber')} name="idNumber" help={t('idNumberHelp')} />
      </ActionPanel>
      {open === undefined ? null : <CardDetail cardRef={open} />}
    </>
  );
}
