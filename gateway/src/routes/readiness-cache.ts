/**
 * Readiness answers kept for a short time and shared by concurrent probes,
 * so /readyz (public, not rate-limited) cannot be used to flood the peer
 * with chaincode queries.
 */
import type { Readiness } from '../ledger/ledger-client';

/** Returns `probe`'s answer, asking again only after `ttlMs` (0: every time). */
export function cachedReadiness(
  probe: () => Promise<Readiness>,
  ttlMs: number,
  now: () => number = () => performance.now(),
): () => Promise<Readiness> {
  let inFlight: Promise<Readiness> | undefined;
  let last: { at: number; value: Readiness } | undefined;
  return () => {
    if (last && now() - last.at < ttlMs) return Promise.resolve(last.value);
    inFlight ??= probe()
      .then((value) => {
        last = { at: now(), value };
        return value;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
