/** The public door of the shared vocabulary package. */
export * from './vocabulary';
export * from './formats';
export * from './ledger-vocabulary';
export * from './ledger-records';
export * from './event-payloads';
export { writeFileAtomic, type AtomicFs } from './atomic-file';
