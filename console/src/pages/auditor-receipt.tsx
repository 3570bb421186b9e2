/** Auditor: check a verification receipt a unit kept (signatures against the CA roots, and on the ledger). */
import { useId, useState } from 'preact/hooks';
import { ProblemAlert } from '../components/problem-alert';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';

interface ReceiptCheck {
  readonly accepted: boolean;
  readonly problems: readonly string[];
}

/** The auditor's receipt page. */
export function AuditorReceiptPage() {
  const { api, t } = useConsole();
  const id = useId();
  const [text, setText] = useState('');
  const [notJson, setNotJson] = useState(false);
  const check = useAction((receipt: unknown) =>
    api.post<ReceiptCheck>('/v1/audit/receipt-checks', { receipt }),
  );
  const submit = () => {
    let receipt: unknown;
    try {
      receipt = JSON.parse(text);
    } catch {
      setNotJson(true);
      return;
    }
    setNotJson(false);
    void check.run(receipt);
  };
  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label for={id}>{t('receiptJson')}</label>
        <textarea
          id={id}
          rows={12}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
          }}
        />
        <button type="submit" disabled={check.busy}>
          {check.busy ? t('loading') : t('checkReceipt')}
        </button>
      </form>
      {notJson ? <p role="alert">{t('receiptNotJson')}</p> : null}
      <ProblemAlert error={check.error} />
      {check.result === undefined ? null : (
        <div
          role="status"
          class={check.result.accepted ? 'ok' : 'bad'}
          data-accepted={String(check.result.accepted)}
        >
          <p>{check.result.accepted ? t('receiptAccepted') : t('receiptRefused')}</p>
          <ul>
            {check.result.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
