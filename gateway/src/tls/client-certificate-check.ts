/**
 * What the gateway asks of a request's client certificate once the API key
 * named its caller. The key authenticates the caller; the certificate the
 * organisation's host the call comes from. Node's TLS has verified the
 * certificate against the configured CAs (`socket.authorized`); when the
 * handshake does not require one (`required: false`) a certificate that
 * failed that check still reaches here and is refused, and the callers named
 * in `callers` (e.g. another organisation's gateway as `pseudonym-client`)
 * are accepted only over a connection with a verified certificate, so their
 * key alone is not enough.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** The client-certificate rules of a gateway (config `http.tls.clientCertificates`). */
export interface ClientCertificatePolicy {
  /** Caller ids whose keys are accepted only with a verified client certificate. */
  readonly callers: readonly string[];
}

function presented(socket: TLSSocket): boolean {
  return Object.keys(socket.getPeerCertificate()).length > 0;
}

/**
 * Why the request's connection may not carry this caller's key, or
 * undefined when it may.
 */
export function certificateRefusal(
  policy: ClientCertificatePolicy,
  callerId: string,
  socket: Socket,
): string | undefined {
  const tls = socket instanceof TLSSocket ? socket : undefined;
  const hasCertificate = tls !== undefined && presented(tls);
  if (tls !== undefined && hasCertificate && !tls.authorized) {
    return 'The client certificate is not issued by a CA this gateway trusts';
  }
  if (policy.callers.includes(callerId) && !(tls?.authorized === true && hasCertificate)) {
    return 'This caller must present its client certificate from a CA this gateway trusts';
  }
  return undefined;
}
