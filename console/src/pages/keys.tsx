/** Operator and unit admin: issue a unit's API key (shown once) and revoke keys. */
import { segment } from '../api';
import { ActionPanel } from '../components/action-panel';
import { TextField, textOf } from '../components/fields';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { IssuedKey } from '../records';

/** The keys page. */
export function KeysPage() {
  const { api, t } = useConsole();
  const issue = useAction((form: FormData) =>
    api.post<IssuedKey>(`/v1/units/${segment(textOf(form, 'unitId'))}/api-keys`),
  );
  const revoke = useAction(async (form: FormData) => {
    const keyId = textOf(form, 'keyId');
    await api.del(`/v1/api-keys/${segment(keyId)}`);
    return keyId;
  });
  return (
    <>
      <ActionPanel
        action={issue}
        title={t('issueKey')}
        submit={t('issueKey')}
        show={(issued) => (
          <div role="status">
            <p>{t('keyOnce', { callerId: issued.callerId })}</p>
            <code data-testid="issued-key">{issued.apiKey}</code>
            <p>
              {t('keyId')} <code>{issued.keyId}</code>
            </p>
          </div>
        )}
      >
        <TextField label={t('unitId')} name="unitId" />
      </ActionPanel>
      <ActionPanel
        action={revoke}
        title={t('revokeKey')}
        submit={t('revokeKey')}
        show={(keyId) => <p role="status">{t('revoked', { keyId })}</p>}
      >
        <TextField label={t('keyId')} name="keyId" pattern="[0-9a-f]{16}" />
      </ActionPanel>
    </>
  );
}
