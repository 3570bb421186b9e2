/** What an action came to: its problem as an alert, then its result as the page draws it. */
import type { ComponentChildren } from 'preact';
import { ProblemAlert } from './problem-alert';

/** The part of an action the outcome shows (see use-action.ts). */
export interface Settled<T> {
  readonly error: unknown;
  readonly result: T | undefined;
}

/** The action's problem, if any, and `show(result)` once there is a result. */
export function Outcome<T>(props: {
  readonly of: Settled<T>;
  readonly show: (result: T) => ComponentChildren;
}) {
  const { error, result } = props.of;
  return (
    <>
      <ProblemAlert error={error} />
      {result === undefined ? null : props.show(result)}
    </>
  );
}
