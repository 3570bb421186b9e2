/** Auditor: the live event stream (every event; ledger references only, never personal data). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ProblemAlert } from '../components/problem-alert';
import { Table } from '../components/table';
import { useConsole } from '../context';
import { readEvents, type StreamEvent } from '../sse';

const KEEP = 200;

function summary(data: string): string {
  try {
    const payload = JSON.parse(data) as Record<string, unknown>;
    return ['unitId', 'cardRef', 'result', 'reason', 'state', 'txId']
      .filter((k) => typeof payload[k] === 'string')
      .map((k) => `${k}=${String(payload[k])}`)
      .join(' ');
  } catch {
    return data;
  }
}

/** The auditor's events page. */
export function AuditorEventsPage() {
  const { api, t } = useConsole();
  const [events, setEvents] = useState<readonly StreamEvent[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [following, setFollowing] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);
  const stop = () => {
    abort.current?.abort();
    abort.current = undefined;
    setFollowing(false);
  };
  const follow = async () => {
    stop();
    const controller = new AbortController();
    abort.current = controller;
    setError(undefined);
    setFollowing(true);
    try {
      const res = await api.stream('/v1/events', controller.signal);
      if (res.body !== null)
        await readEvents(res.body, (e) => {
          setEvents((old) => [e, ...old].slice(0, KEEP));
        });
    } catch (err) {
      if (!controller.signal.aborted) setError(err);
    } finally {
      if (abort.current === controller) setFollowing(false);
    }
  };
  useEffect(() => stop, []);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          if (following) stop();
          else void follow();
        }}
        aria-pressed={following}
      >
        {following ? t('stop') : t('follow')}
      </button>
      <ProblemAlert error={error} />
      <div aria-live="polite">
        <Table
          caption={t('pageEvents')}
          rows={events}
          rowKey={(e) => `${e.id ?? ''}/${e.event}/${e.data.length}`}
          columns={[
            { header: 'id', cell: (e) => <code>{e.id ?? ''}</code> },
            { header: t('event'), cell: (e) => e.event },
            { header: '', cell: (e) => <code>{summary(e.data)}</code> },
          ]}
        />
      </div>
    </>
  );
}
