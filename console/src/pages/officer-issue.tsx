/** Officer: issue a resident ID card or a temporary certificate. */
import { CARD_KINDS, REASONS_BY_ACTION } from '@idcard/common';
import { ActionForm, SelectField, TextField, fieldsOf } from '../components/fields';
import { ProblemAlert } from '../components/problem-alert';
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
  const issue = useAction((body: Record<string, string>) => api.post<Committed<Card>>('/v1/cards', body));
  return (
    <div>
      <h2>{t('pageIssue')}</h2>
      <ActionForm submit={t('issue')} busy={issue.busy} onSubmit={(form) => void issue.run(bodyOf(form))}>
        <TextField label={t('idNumber')} name="idNumber" help={t('idNumberHelp')} />
        <TextField label={t('name')} name="name" />
        <SelectField label={t('kind')} name="kind" codes={CARD_KINDS} />
        <TextField label={t('validFrom')} name="validFrom" type="date" />
        <TextField label={t('validUntil')} name="validUntil" help={t('validUntilHelp')} />
        <SelectField label={t('reasonCode')} name="reasonCode" codes={REASONS_BY_ACTION.ISSUE} />
      </ActionForm>
      <ProblemAlert error={issue.error} />
      {issue.result === undefined ? null : (
        <div>
          <p role="status">
            {t('issued', { cardRef: issue.result.result.cardRef })} ·{' '}
            {t('txInfo', { txId: issue.result.txId, block: issue.result.blockNumber })}
          </p>
          <CardDetail cardRef={issue.result.result.cardRef} />
        </div>
      )}
    </div>
  );
}
