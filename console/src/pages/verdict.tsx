/** A verification's answer: the verdict in words, the record, and its signed receipt to keep. */
import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '../context';
import type { VerificationAnswer } from '../records';

function ReceiptLink({ answer }: { readonly answer: VerificationAnswer }) {
  const { t } = useConsole();
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (answer.receipt === undefined) return undefined;
    const made = URL.createObjectURL(
      new Blob([JSON.stringify(answer.receipt, null, 2)], { type: 'application/json' }),
    );
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
    };
  }, [answer]);
  if (url === undefined) return null;
  return (
    <a href={url} download={`receipt-${answer.txId}.json`}>
      {t('saveReceipt')}
    </a>
  );
}

/** The verdict box (a live region, so screen readers announce it). */
export function Verdict({ answer }: { readonly answer: VerificationAnswer }) {
  const { t, l } = useConsole();
  const r = answer.result;
  const text =
    r.result === 'VALID'
      ? t('verdictValid')
      : t(r.result === 'DENIED' ? 'verdictDenied' : 'verdictInvalid', { reason: l(r.reason) });
  return (
    <div
      role="status"
      class={`verdict verdict-${r.result}`}
      data-result={r.result}
      data-reason={r.reason ?? ''}
      data-record-id={r.recordId}
    >
      <p class="verdict-text">{text}</p>
      <p>
        {t('recordId')} <code>{r.recordId}</code> ·{' '}
        {t('txInfo', { txId: answer.txId, block: answer.blockNumber })}
      </p>
      <ReceiptLink answer={answer} />
    </div>
  );
}
