/**
 * Deadlines of every Fabric call kind, set in this one place. Event streams
 * are long-lived and have none.
 */
import type { CallOptions } from '@grpc/grpc-js';
import type { ConnectOptions } from '@hyperledger/fabric-gateway';

/** Deadlines per call kind, in milliseconds. */
export interface Deadlines {
  readonly evaluate: number;
  readonly endorse: number;
  readonly submit: number;
  readonly commitStatus: number;
}

/** The connect() options that apply the deadlines. */
export function deadlineOptions(
  deadlines: Deadlines,
): Pick<ConnectOptions, 'evaluateOptions' | 'endorseOptions' | 'submitOptions' | 'commitStatusOptions'> {
  const after = (ms: number) => (): CallOptions => ({ deadline: Date.now() + ms });
  return {
    evaluateOptions: after(deadlines.evaluate),
    endorseOptions: after(deadlines.endorse),
    submitOptions: after(deadlines.submit),
    commitStatusOptions: after(deadlines.commitStatus),
  };
}
