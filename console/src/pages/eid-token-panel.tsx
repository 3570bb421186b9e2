/** Issuing an eID token for a card, shown once as text and QR code. */
import { useEffect, useState } from 'preact/hooks';
import { toString as qrSvg } from 'qrcode';
import { ActionForm, TextField, textOf } from '../components/fields';
import { ProblemAlert } from '../components/problem-alert';
import { When } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { EidToken } from '../records';

function TokenQr({ token }: { readonly token: string }) {
  const { t } = useConsole();
  const [svg, setSvg] = useState<string | undefined>(undefined);
  useEffect(() => {
    void qrSvg(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(setSvg);
  }, [token]);
  if (svg === undefined) return null;
  return (
    <img
      class="qr"
      alt={t('tokenQr')}
      src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
      width={220}
      height={220}
    />
  );
}

/** The eID token part of a card's page. */
export function EidTokenPanel({ cardRef }: { readonly cardRef: string }) {
  const { api, t } = useConsole();
  const issue = useAction((lifetimeSeconds: number) =>
    api.post<EidToken>('/v1/eid-tokens', { cardRef, lifetimeSeconds }),
  );
  return (
    <section aria-label={t('eidToken')} class="eid">
      <ActionForm
        title={t('issueEidToken')}
        submit={t('issueEidToken')}
        busy={issue.busy}
        onSubmit={(form) => void issue.run(Number(textOf(form, 'lifetimeSeconds')))}
      >
        <TextField label={t('lifetimeSeconds')} name="lifetimeSeconds" type="number" value="300" />
      </ActionForm>
      <ProblemAlert error={issue.error} />
      {issue.result === undefined ? null : (
        <div role="status" class="token">
          <p>{t('tokenOnce')}</p>
          <TokenQr token={issue.result.token} />
          <p>
            <code data-testid="eid-token">{issue.result.token}</code>
          </p>
          <p>
            {t('expiresAt')} <When at={issue.result.result.expiresAt} />
          </p>
        </div>
      )}
    </section>
  );
}
