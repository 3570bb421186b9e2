/** A chaincode server process: the fabric-shim `server` command in the chaincode package folder. */
import { join } from 'node:path';
import { fabricLogSpec, type ResolvedConfig } from './config';
import type { ProcessSpec } from './supervisor';
import { chaincodeNode, dataPaths, type NodeSpec } from './topology';

/** TLS files of the chaincode server (its certificate must name the server's host). */
export interface ChaincodeServerTls {
  readonly certFile: string;
  readonly keyFile: string;
  /** Set to require (and check) peer client certificates. */
  readonly clientCaFile?: string;
}

/** Path of the fabric-shim command line (`fabric-chaincode-node`) in the project's node_modules. */
export function fabricShimCli(cfg: ResolvedConfig): string {
  return join(cfg.projectRoot, 'node_modules', 'fabric-shim', 'cli.js');
}

/**
 * Node options that make a Node process write a CPU profile into
 * `<cfg.profileDir>/<name>` when it ends (none without a profile dir).
 * `exitOnSignal` preloads a handler that ends the process through
 * process.exit on SIGTERM, for a program without one of its own.
 */
export function cpuProfileArgs(cfg: ResolvedConfig, name: string, exitOnSignal: boolean): string[] {
  if (cfg.profileDir === undefined) return [];
  const preload = join(cfg.projectRoot, 'network', 'profiling', 'exit-on-signal.cjs');
  return [
    '--cpu-prof',
    '--cpu-prof-dir',
    join(cfg.profileDir, name),
    ...(exitOnSignal ? ['--require', preload] : []),
  ];
}

/**
 * How to run one organisation's chaincode server for an installed package id
 * (serves that organisation's peers; `node` defaults to the gateway
 * organisation's; `moduleDir` is the chaincode's folder, default the project's chaincode).
 */
export function chaincodeServerSpec(
  cfg: ResolvedConfig,
  pkgId: string,
  tls?: ChaincodeServerTls,
  node: NodeSpec = chaincodeNode(cfg),
  moduleDir: string = join(cfg.projectRoot, 'chaincode'),
): ProcessSpec {
  const tlsArgs =
    tls === undefined
      ? []
      : [
          '--chaincode-tls-cert-file',
          tls.certFile,
          '--chaincode-tls-key-file',
          tls.keyFile,
          ...(tls.clientCaFile === undefined ? [] : ['--chaincode-tls-client-cacert-file', tls.clientCaFile]),
        ];
  return {
    name: node.name,
    program: process.execPath,
    args: [
      ...cpuProfileArgs(cfg, node.name, true),
      fabricShimCli(cfg),
      'server',
      '--chaincode-address',
      `${node.host}:${node.port}`,
      '--chaincode-id',
      pkgId,
      ...tlsArgs,
    ],
    // The shim reads CORE_* variables as options: give it a clean environment,
    // with only its log level (at INFO it logs every decorator at start and
    // every transaction: pure cost under load; warnings and errors remain).
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: node.home,
      NODE_ENV: 'production',
      CORE_CHAINCODE_LOGGING_LEVEL: fabricLogSpec(cfg).toLowerCase() === 'debug' ? 'DEBUG' : 'WARNING',
    },
    cwd: moduleDir,
    ...(node.netns === undefined ? {} : { netns: node.netns }),
    logFile: join(dataPaths(cfg).logs, `${node.name}.log`),
    pidFile: join(dataPaths(cfg).run, `${node.name}.pid`),
  };
}
