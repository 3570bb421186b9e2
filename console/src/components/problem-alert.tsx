/** A refusal shown from the API's problem document (title, detail, field errors). */
import { ApiError, messageOf } from '../api';
import { useConsole } from '../context';

/** Shows the error of an action, if any, as an alert. */
export function ProblemAlert({ error }: { readonly error: unknown }) {
  const { t } = useConsole();
  if (error === undefined) return null;
  if (!(error instanceof ApiError))
    return (
      <div role="alert" class="problem">
        <strong>{t('problemTitle')}</strong>
        <p>{messageOf(error)}</p>
      </div>
    );
  const { problem } = error;
  return (
    <div role="alert" class="problem" data-problem-type={problem.type}>
      <strong>
        {problem.status} {problem.title}
      </strong>
      {problem.detail === undefined ? null : <p>{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.path}>{t('fieldProblem', { path: e.path, message: e.message })}</li>
          ))}
        </ul>
      ) : null}
      {problem.status === 429 || problem.status === 503 ? <p>{t('retryAfter')}</p> : null}
    </div>
  );
}
