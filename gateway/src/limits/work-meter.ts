/**
 * Per-caller limits that count work, not requests (issue 14): every caller
 * has a budget of work units per fixed window; a request costs 1, a batch
 * its item count, a paged report 1 per page, an event replay page a fixed
 * cost. A charge that would overrun the budget is refused and charges
 * nothing, so a refused batch does not eat the window.
 */

/** The outcome of a charge. */
export type Charge = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** The meter. */
export interface WorkMeter {
  /** The budget per window. */
  readonly perWindow: number;
  /** Charges `units` to the caller, unless that would overrun its budget for the window. */
  charge(callerId: string, units: number): Charge;
  /** Units the caller has left in the current window. */
  remaining(callerId: string): number;
}

/** What a meter is built from. */
export interface WorkMeterOptions {
  readonly perWindow: number;
  readonly windowMs: number;
  /** Milliseconds now (default Date.now). */
  readonly now?: () => number;
}

interface Window {
  readonly start: number;
  used: number;
}

/** Creates a meter with empty windows. */
export function createWorkMeter(options: WorkMeterOptions): WorkMeter {
  const { perWindow, windowMs } = options;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  const current = (callerId: string, at: number): Window => {
    const found = windows.get(callerId);
    if (found !== undefined && at - found.start < windowMs) return found;
    // Forget callers whose window has passed, so the map stays as small as the active callers.
    if (windows.size > 1_000) {
      for (const [id, window] of windows) if (at - window.start >= windowMs) windows.delete(id);
    }
    const fresh = { start: at, used: 0 };
    windows.set(callerId, fresh);
    return fresh;
  };
  return {
    perWindow,
    charge(callerId, units) {
      const at = now();
      const window = current(callerId, at);
      if (window.used + units > perWindow) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
        return { ok: false, retryAfterSeconds };
      }
      window.used += units;
      return { ok: true };
    },
    remaining(callerId) {
      return Math.max(0, perWindow - current(callerId, now()).used);
    },
  };
}
