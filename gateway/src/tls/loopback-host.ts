/**
 * Which hosts count as loopback: the only places plain HTTP may listen on or
 * be sent to (docs/security.md). Nothing else on the machine's network sees
 * that traffic.
 */
import { isIPv4 } from 'node:net';

/**
 * True for `localhost`, an address in 127.0.0.0/8, `::1` (with or without
 * brackets, as URL host names carry it) and IPv4-mapped loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return isIPv4(v4) && v4.startsWith('127.');
}
