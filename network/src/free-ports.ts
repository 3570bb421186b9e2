/** Finds a base port whose derived ports are all free, so tests can run networks side by side. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { checkNetworkConfig, type ResolvedConfig } from './config';
import { NetworkError } from '@idcard/ca-client';
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

/** The kernel's ephemeral (outgoing) port range, Linux's default when it cannot be read. */
export function ephemeralPortRange(file = '/proc/sys/net/ipv4/ip_local_port_range'): [number, number] {
  try {
    const [low, high] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return [low, high];
  } catch {
    // Not Linux, or no procfs: assume the default.
  }
  return [32768, 60999];
}

/**
 * Base ports whose block of 1000 ports lies in [10000, 65000) outside the
 * ephemeral range: a listener there can never collide with the source port
 * of one of the network's own outgoing connections (a block inside the
 * range was taken that way between a free-port check and a later start).
 */
export function candidateBasePorts(ephemeral: [number, number] = ephemeralPortRange()): number[] {
  const out: number[] = [];
  for (let base = 10000; base + 1000 <= 65000; base += 1000) {
    if (base + 999 < ephemeral[0] || base > ephemeral[1]) out.push(base);
  }
  return out;
}

/**
 * Returns a copy of `cfg` moved to a base port (tried at random among
 * candidateBasePorts) where every derived port is free.
 * @throws NetworkError PORT_IN_USE after `attempts` tries.
 */
export async function withFreeBasePort(cfg: ResolvedConfig, attempts = 20): Promise<ResolvedConfig> {
  const candidates = candidateBasePorts();
  for (let i = 0; i < attempts; i++) {
    const basePort = candidates[Math.floor(Math.random() * candidates.length)] ?? 20000;
    const { projectRoot, profileDir, ...plain } = cfg;
    const moved = checkNetworkConfig(plain, { basePort, profileDir }, projectRoot);
    if ((await busyPorts(moved)).length === 0) return moved;
  }
  throw new NetworkError('PORT_IN_USE', `no free block of ports found after ${attempts} tries`);
}
