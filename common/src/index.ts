/** The public door of the shared vocabulary package. */
export * from './vocabulary';
export * from './formats';
