/** Finds a base port whose derived ports are all free, so tests can run networks side by side. */
import { createServer } from 'node:net';
import { checkNetworkConfig, type ResolvedConfig } from './config';
import { NetworkError } from './errors';
import { allPorts } from './topology';

/** True when nothing listens on host:port. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveFree) => {
    const srv = createServer();
    srv.once('error', () => {
      resolveFree(false);
    });
    srv.listen({ port, host, exclusive: true }, () => {
      srv.close(() => {
        resolveFree(true);
      });
    });
  });
}

/** The ports of the network that are taken. */
export async function busyPorts(cfg: ResolvedConfig): Promise<number[]> {
  const busy: number[] = [];
  for (const p of allPorts(cfg)) if (!(await isPortFree(p))) busy.push(p);
  return busy;
}

/**
 * Returns a copy of `cfg` moved to a base port (tried at random in
 * [20000, 60000)) where every derived port is free.
 * @throws NetworkError PORT_IN_USE after `attempts` tries.
 */
export async function withFreeBasePort(cfg: ResolvedConfig, attempts = 20): Promise<ResolvedConfig> {
  for (let i = 0; i < attempts; i++) {
    const basePort = 20000 + 1000 * Math.floor(Math.random() * 40);
    const { projectRoot, ...plain } = cfg;
    const moved = checkNetworkConfig(plain, { basePort }, projectRoot);
    if ((await busyPorts(moved)).length === 0) return moved;
  }
  throw new NetworkError('PORT_IN_USE', `no free block of ports found after ${attempts} tries`);
}
