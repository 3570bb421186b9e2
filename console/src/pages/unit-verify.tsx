/** Relying unit: verify a presented card, or an eID token (scanned by a keyboard-wedge scanner or pasted). */
import { useEffect, useState } from 'preact/hooks';
import { PURPOSES } from '@idcard/common';
import { segment } from '../api';
import { ActionPanel } from '../components/action-panel';
import { SelectField, TextField, fieldsOf } from '../components/fields';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { Unit, VerificationAnswer } from '../records';
import { Verdict } from './verdict';

function useAllowedPurposes(): readonly string[] {
  const { api, me } = useConsole();
  const [purposes, setPurposes] = useState<readonly string[]>(PURPOSES);
  useEffect(() => {
    if (me.unit === null) return;
    api
      .get<Unit>(`/v1/units/${segment(me.unit)}`)
      .then((u) => {
        if (u.allowedPurposes.length > 0) setPurposes(u.allowedPurposes);
      })
      .catch(() => undefined); // the full list stays; the ledger refuses a purpose not allowed (DENIED)
  }, [me.unit]);
  return purposes;
}

/** The unit's verification page. */
export function UnitVerifyPage() {
  const { api, t } = useConsole();
  const purposes = useAllowedPurposes();
  const card = useAction((form: FormData) =>
    api.post<VerificationAnswer>(
      '/v1/verifications',
      fieldsOf(form, ['idNumber', 'name', 'validFrom', 'validUntil', 'purpose']),
    ),
  );
  const token = useAction((form: FormData) =>
    api.post<VerificationAnswer>('/v1/verifications/eid-token', fieldsOf(form, ['token', 'purpose'])),
  );
  const verdict = (answer: VerificationAnswer) => <Verdict answer={answer} />;
  return (
    <>
      <ActionPanel action={card} title={t('pageVerify')} submit={t('verify')} show={verdict}>
        <TextField label={t('idNumber')} name="idNumber" help={t('idNumberHelp')} />
        <TextField label={t('name')} name="name" />
        <TextField label={t('validFrom')} name="validFrom" type="date" />
        <TextField label={t('validUntil')} name="validUntil" help={t('validUntilHelp')} />
        <SelectField label={t('purpose')} name="purpose" codes={purposes} />
      </ActionPanel>
      <ActionPanel action={token} title={t('verifyToken')} submit={t('verifyToken')} show={verdict}>
        <TextField label={t('token')} name="token" />
        <SelectField label={t('purpose')} name="purpose" codes={purposes} />
      </ActionPanel>
    </>
  );
}
