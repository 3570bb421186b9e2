/** Command-line options shared by the network commands, and the config they select. */
import { loadNetworkConfig, type ConfigOverrides, type ResolvedConfig } from '@idcard/network';

/** Options every network command takes. */
export interface NetworkOptions {
  dataDir?: string;
  config?: string;
  basePort?: string;
  consensus?: 'raft' | 'bft';
  /** Gateways over HTTPS with TLS certificates from each organisation's CA. */
  https?: boolean;
}

/** Loads the config with the command-line and environment overrides applied. */
export function configFrom(opts: NetworkOptions): ResolvedConfig {
  const overrides: ConfigOverrides = {
    dataDir: opts.dataDir ?? process.env.IDCARD_DATA_DIR,
    basePort: opts.basePort === undefined ? undefined : Number(opts.basePort),
    consensus: opts.consensus,
    gatewayHttps: opts.https === true ? true : undefined,
  };
  return loadNetworkConfig(opts.config, overrides);
}
