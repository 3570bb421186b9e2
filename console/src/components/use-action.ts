/** One asynchronous action of a page: busy flag, last result, last error. */
import { useEffect, useState } from 'preact/hooks';

/** The state and trigger of an action. */
export interface Action<A extends unknown[], T> {
  readonly busy: boolean;
  readonly result: T | undefined;
  readonly error: unknown;
  run(...args: A): Promise<void>;
}

/** Wraps an async function so the page can show progress, result and problem. */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>): Action<A, T> {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  return {
    busy,
    result,
    error,
    run: async (...args: A) => {
      setBusy(true);
      setError(undefined);
      try {
        setResult(await fn(...args));
      } catch (err) {
        setResult(undefined);
        setError(err);
      } finally {
        setBusy(false);
      }
    },
  };
}

/** An action that also runs once when the page opens (a page's initial read). */
export function useLoaded<T>(fn: () => Promise<T>): Action<[], T> {
  const action = useAction(fn);
  useEffect(() => {
    void action.run();
  }, []);
  return action;
}
