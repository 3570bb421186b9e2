/** One readable message for an operator from any failure of the system's stages. */
import { isNetworkError } from '@idcard/network';

/** The error's message; a network error's details follow it, one indented line each. */
export function describeError(err: unknown): string {
  if (isNetworkError(err)) return [err.message, ...err.details.map((d) => `  ${d}`)].join('\n');
  return err instanceof Error ? err.message : String(err);
}
