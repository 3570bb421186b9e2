/**
 * One TLS gRPC connection per peer, created once and shared by every caller
 * identity; keepalive pings keep idle connections usable through NATs.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';

/** A peer's gateway endpoint. */
export interface PeerEndpoint {
  readonly name: string;
  readonly endpoint: string;
  readonly hostOverride?: string;
  readonly tlsCaPath: string;
}

/** An open connection. */
export interface PeerConnection {
  readonly peer: PeerEndpoint;
  readonly client: grpc.Client;
}

/**
 * Opens a client per peer (gRPC connects lazily, so nothing is dialled yet).
 * @throws Error when a TLS CA file cannot be read
 */
export function openPeerConnections(
  peers: readonly PeerEndpoint[],
  keepaliveMs: number,
  keepaliveTimeoutMs = 20_000,
): PeerConnection[] {
  return peers.map((peer) => {
    const credentials = grpc.credentials.createSsl(readFileSync(peer.tlsCaPath));
    const client = new grpc.Client(peer.endpoint, credentials, {
      ...(peer.hostOverride ? { 'grpc.ssl_target_name_override': peer.hostOverride } : {}),
      'grpc.keepalive_time_ms': keepaliveMs,
      'grpc.keepalive_timeout_ms': keepaliveTimeoutMs,
      'grpc.keepalive_permit_without_calls': 1,
    });
    return { peer, client };
  });
}

/** True when the connection becomes ready before the deadline. */
export function isReachable(connection: PeerConnection, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    connection.client.waitForReady(Date.now() + timeoutMs, (error) => {
      resolve(error === undefined);
    });
  });
}
