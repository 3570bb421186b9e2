/** A card as an officer sees it: status, history timeline, transitions, eID token. */
import { useEffect, useState } from 'preact/hooks';
import { REASONS_BY_ACTION } from '@idcard/common';
import { segment } from '../api';
import { ActionForm, SelectField, textOf } from '../components/fields';
import { ProblemAlert } from '../components/problem-alert';
import { When } from '../components/table';
import { useAction } from '../components/use-action';
import { useConsole } from '../context';
import type { Card, CardEvent, Committed, Page } from '../records';
import { EidTokenPanel } from './eid-token-panel';

const TRANSITIONS = [
  ['report-lost', 'reportLost'],
  ['report-stolen', 'reportStolen'],
  ['withdraw-loss', 'withdrawLoss'],
] as const;

function Timeline({ events }: { readonly events: readonly CardEvent[] }) {
  const { t, l } = useConsole();
  return (
    <section aria-label={t('history')}>
      <h3>{t('history')}</h3>
      <ol class="timeline">
        {events.map((e) => (
          <li key={e.txId}>
            <When at={e.txTime} /> <strong>{l(e.action)}</strong> {l(e.fromState)} → {l(e.toState)}
            {e.reasonCode === null ? null : ` (${l(e.reasonCode)})`} · {t('by')} {e.officerUnit}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The card's page part; `onChanged` lets a list refresh. */
export function CardDetail({ cardRef }: { readonly cardRef: string }) {
  const { api, t, l } = useConsole();
  const [version, setVersion] = useState(0);
  const load = useAction(async () => {
    const path = `/v1/cards/${segment(cardRef)}`;
    const [card, history] = await Promise.all([
      api.get<Card>(path),
      api.get<Page<CardEvent>>(`${path}/history`, { pageSize: 50 }),
    ]);
    return { card, history: history.items };
  });
  const transition = useAction(async (action: string, body: Record<string, string>) => {
    const done = await api.post<Committed<Card>>(`/v1/cards/${segment(cardRef)}/${action}`, body);
    setVersion((v) => v + 1);
    return done;
  });
  useEffect(() => {
    void load.run();
  }, [cardRef, version]);
  const card = load.result?.card;
  const occurredAt = () => new Date().toISOString();
  return (
    <article class="card-detail" aria-label={`${t('card')} ${cardRef}`}>
      <h2>
        {t('card')} <code>{cardRef}</code>
      </h2>
      <ProblemAlert error={load.error} />
      {card === undefined ? null : (
        <dl class="facts">
          <dt>{t('effectiveState')}</dt>
          <dd data-testid="card-state" class={`state state-${card.effectiveState}`}>
            {l(card.effectiveState)}
          </dd>
          <dt>{t('kind')}</dt>
          <dd>{l(card.kind)}</dd>
          <dt>{t('validFrom')}</dt>
          <dd>{card.validFrom}</dd>
          <dt>{t('validUntil')}</dt>
          <dd>{l(card.validUntil)}</dd>
        </dl>
      )}
      <section aria-label={t('actions')} class="actions">
        <h3>{t('actions')}</h3>
        {TRANSITIONS.map(([action, key]) => (
          <button
            key={action}
            type="button"
            disabled={transition.busy}
            onClick={() => void transition.run(action, { occurredAt: occurredAt() })}
          >
            {t(key)}
          </button>
        ))}
        <ActionForm
          title={t('revoke')}
          submit={t('revoke')}
          busy={transition.busy}
          onSubmit={(form) =>
            void transition.run('revoke', {
              reasonCode: textOf(form, 'reasonCode'),
              occurredAt: occurredAt(),
            })
          }
        >
          <SelectField label={t('revokeReason')} name="reasonCode" codes={REASONS_BY_ACTION.REVOKE} />
        </ActionForm>
        <ProblemAlert error={transition.error} />
        {transition.result === undefined ? null : (
          <p role="status">
            {t('txInfo', { txId: transition.result.txId, block: transition.result.blockNumber })}
          </p>
        )}
      </section>
      {load.result === undefined ? null : <Timeline events={load.result.history} />}
      <EidTokenPanel cardRef={cardRef} />
    </article>
  );
}
