/** Issuing an eID token for a card, shown once as text and QR code. */
import { useEffect, useState } from 'preact/hooks';
import { toString as qrSvg } from 'qrcode';
import { ActionPanel } from '../components/action-panel';
import { TextField, textOf } from '../components/fields';
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
  const issue = useAction((form: FormData) =>
    api.post<EidToken>('/v1/eid-tokens', {
      cardRef,
      lifetimeSeconds: Number(textOf(form, 'lifetimeSeconds')),
    }),
  );
  return (
    <section aria-label={t('eidToken')} class="eid">
      <ActionPanel
        action={issue}
        title={t('issueEidToken')}
        submit={t('issueEidToken')}
        show={(issued) => (
          <div role="status" class="token">
            <p>{t('tokenOnce')}</p>
            <TokenQr token={issued.token} />
            <p>
              <code data-testid="eid-token">{issued.token}</code>
            </p>
            <p>
              {t('expiresAt')} <When at={issued.result.expiresAt} />
            </p>
          </div>
        )}
      >
        <TextField label={t('lifetimeSeconds')} name="lifetimeSeconds" type="number" value="300" />
      </ActionPanel>
    </section>
  );
}
