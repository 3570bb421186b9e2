/**
 * Open Server-Sent-Event streams, so shutdown can end them (they would
 * otherwise keep the server from closing).
 */

/** The set of open streams. */
export interface EventStreams {
  /** Registers a stream; returns its signal, aborted by closeAll. */
  open(): { signal: AbortSignal; done: () => void };
  /** Aborts every open stream. */
  closeAll(): void;
  /** Number of open streams. */
  readonly size: number;
}

/** Creates an empty set. */
export function createEventStreams(): EventStreams {
  const open = new Set<AbortController>();
  return {
    open() {
      const controller = new AbortController();
      open.add(controller);
      return { signal: controller.signal, done: () => open.delete(controller) };
    },
    closeAll() {
      for (const controller of open) controller.abort();
      open.clear();
    },
    get size() {
      return open.size;
    },
  };
}
