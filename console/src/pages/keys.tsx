/** Operator and unit admin: issue a unit's API key (shown once) and revoke keys. */
import { segment } from '../api';
import { ActionForm, TextField, textOf } from '../components/fields';
import { ProblemAlert } from '../components/problem-alert';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { IssuedKey } from '../records';

/** The keys page. */
export function KeysPage() {
  const { api, t } = useConsole();
  const issue = useAction((unitId: string) => api.post<IssuedKey>(`/v1/units/${segment(unitId)}/api-keys`));
  const revoke = useAction(async (keyId: string) => {
    await api.del(`/v1/api-keys/${segment(keyId)}`);
    return keyId;
  });
  return (
    <div>
      <h2>{t('pageKeys')}</h2>
      <ActionForm
        title={t('issueKey')}
        submit={t('issueKey')}
        busy={issue.busy}
        onSubmit={(form) => void issue.run(textOf(form, 'unitId'))}
      >
        <TextField label={t('unitId')} name="unitId" />
      </ActionForm>
      <ProblemAlert error={issue.error} />
      {issue.result === undefined ? null : (
        <div role="status">
          <p>{t('keyOnce', { callerId: issue.result.callerId })}</p>
          <code data-testid="issued-key">{issue.result.apiKey}</code>
          <p>
            {t('keyId')} <code>{issue.result.keyId}</code>
          </p>
        </div>
      )}
      <ActionForm
        title={t('revokeKey')}
        submit={t('revokeKey')}
        busy={revoke.busy}
        onSubmit={(form) => void revoke.run(textOf(form, 'keyId'))}
      >
        <TextField label={t('keyId')} name="keyId" pattern="[0-9a-f]{16}" />
      </ActionForm>
      <ProblemAlert error={revoke.error} />
      {revoke.result === undefined ? null : <p role="status">{t('revoked', { keyId: revoke.result })}</p>}
    </div>
  );
}
