/**
 * The door of @idcard/cli, the idcard command line: the entry point of its
 * bin and the shapes of what its commands print as JSON.
 */
export { main, run } from './cli';
export type { ReceiptReport } from './receipt-command';
export { QUICKSTART_BEGIN, QUICKSTART_END } from './up-command';
