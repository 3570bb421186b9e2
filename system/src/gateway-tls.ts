/**
 * The gateways over HTTPS (network config `gateway.https`, `idcard up
 * --https`): each gateway's TLS certificate enrolled at its own
 * organisation's CA with the `tls` profile (SANs: its host, localhost,
 * 127.0.0.1 and its name), and the TLS sections of the gateways'
 * configurations. The agency gateway that derives references asks for
 * client certificates of the keyless organisations' TLS CAs (optional at the
 * handshake, so its own callers need none) and accepts their
 * `pseudonym-client` keys only with one; the keyless gateways call it with
 * their own TLS certificate as the client certificate.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  gatewayNode,
  gatewayNodes,
  nodeTlsDir,
  nodeTlsFiles,
  orgTlsCaFile,
  registerAndEnroll,
  type FabricPrograms,
  type NodeSpec,
  type Progress,
  type ResolvedConfig,
} from '@idcard/network';

/** The host names a gateway's TLS certificate is for. */
export function gatewayTlsHosts(node: Pick<NodeSpec, 'host' | 'name'>): string[] {
  return [...new Set([node.host, 'localhost', '127.0.0.1', node.name])];
}

/**
 * Enrols the TLS certificate of every HTTPS gateway that has none yet (the CAs must run).
 * @throws NetworkError CA_UNREACHABLE, CA_COMMAND_FAILED
 */
export async function enrollGatewayTls(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  progress: Progress,
): Promise<void> {
  for (const node of gatewayNodes(cfg)) {
    if (node.https !== true || existsSync(join(nodeTlsDir(node), 'signcerts', 'cert.pem'))) continue;
    await registerAndEnroll(cfg, programs, node.org, node.mspId, node.home, {
      name: node.name,
      type: 'client',
      tlsHosts: gatewayTlsHosts(node),
    });
    progress(`${node.name}: TLS certificate enrolled at its organisation's CA`);
  }
}

/** The CA file a caller trusts for `org`'s gateway; undefined for an HTTP gateway. */
export function gatewayTlsCaFile(cfg: ResolvedConfig, org: string): string | undefined {
  return gatewayNode(cfg, org).https === true ? orgTlsCaFile(cfg, org) : undefined;
}

/** A keyless organisation whose gateway calls the agency's, and its caller id there. */
export interface PseudonymClientOrg {
  readonly org: string;
  readonly callerId: string;
}

/** `http.tls` of `org`'s gateway (none for HTTP); the agency's with the keyless gateways' client certificates. */
export function gatewayServerTls(
  cfg: ResolvedConfig,
  org: string,
  clients: readonly PseudonymClientOrg[],
): object | undefined {
  const node = gatewayNode(cfg, org);
  if (node.https !== true) return undefined;
  const { cert, key } = nodeTlsFiles(node);
  return {
    certPath: cert,
    keyPath: key,
    ...(clients.length > 0
      ? {
          clientCertificates: {
            caPaths: clients.map((c) => orgTlsCaFile(cfg, c.org)),
            required: false,
            callers: clients.map((c) => c.callerId),
          },
        }
      : {}),
  };
}

/** `pseudonymService.tls` of keyless `org`'s gateway towards the agency's (none for HTTP). */
export function pseudonymServiceTls(cfg: ResolvedConfig, org: string, agency: string): object | undefined {
  const node = gatewayNode(cfg, org);
  if (node.https !== true) return undefined;
  const { cert, key } = nodeTlsFiles(node);
  return { caPaths: [orgTlsCaFile(cfg, agency)], certPath: cert, keyPath: key };
}
