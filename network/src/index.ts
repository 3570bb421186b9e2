/** The public door of the network package. */
export * from './errors';
export * from './config';
export * from './topology';
export * from './fabric-programs';
export * from './fabric-ca';
export * from './supervisor';
export * from './health';
export { checkGo, parseGoVersion, goVersionAtLeast } from './go-toolchain';
export * from './identities';
export * from './free-ports';
export * from './network-down';
export * from './network-status';
export * from './ca-stage';
export * from './network-up';
export { singleFile, writeNodeOuConfig, writeOrgMsp, finishLocalMsp } from './msp';
