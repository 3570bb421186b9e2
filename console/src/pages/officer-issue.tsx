/** Officer: issue a resident ID card or a temporary certificate. */
import { CARD_KINDS, REASONS_BY_ACTION } from '@idcard/common';
import { ActionPanel } from '../components/action-panel';
import { SelectField, TextField, fieldsOf } from '../components/fields';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { Card, Committed } from '../records';
import { CardDetail } from './card-detail';

function bodyOf(form: FormData): Record<string, string> {
  return {
    ...fieldsOf(form, ['idNumber', 'name', 'kind', 'validFrom', 'validUntil', 'reasonCode']),
    occurredAt: new Date().toISOString(),
  };
}

/** The officer's issue page. */
export function OfficerIssuePage() {
  const { api, t } = useConsole();
  const issue = useAction((form: FormData) => api.post<Committed<Card>>('/v1/cards', bodyOf(form)));
  return (
    <>
      <ActionPanel
        action={issue}
        submit={t('issue')}
        show={(issued) => (
          <div>
            <p role="status">
              {t('issued', { cardRef: issued.result.cardRef })} ·{' '}
              {t('txInfo', { txId: issued.txId, block: issued.blockNumber })}
            </p>
            <CardDetail cardRef={issued.result.cardRef} />
          </div>
        )}
      >
        <TextField label={t('idNumber')} name="idNumber" help={t('idNumberHelp')} />
        <TextField label={t('name')} name="name" />
        <SelectField label={t('kind')} name="kind" codes={CARD_KINDS} />
        <TextField label={t('validFrom')} name="validFrom" type="date" />
        <TextField label={t('validUntil')} name="validUntil" help={t('validUntilHelp')} />
        <SelectField label={t('reasonCode')} name="reasonCode" codes={REASONS_BY_ACTION.ISSUE} />
      </ActionPanel>
    </>
  );
}
