/**
 * The door of @idcard/bench: `idcard bench`, which measures the workloads
 * side by side on a network of its own (or a given data dir's) and writes
 * bench/results/<timestamp>.json.
 */
export { benchCommand, type BenchOptions } from './bench-command';
