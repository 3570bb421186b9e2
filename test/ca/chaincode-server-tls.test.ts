/**
 * The chaincode server (chaincode as a service) as `up` starts it: the real
 * fabric-shim `server` command over the built chaincode package, with a TLS
 * certificate from its organisation's real Fabric CA. No peer runs here, so
 * this checks what a peer would meet when it dials the server: a TLS
 * endpoint speaking HTTP/2 whose certificate verifies against the CA root
 * written into the package's connection.json, and no other.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import {
  caCertPath,
  chaincodeNode,
  chaincodeServerSpec,
  isAlive,
  networkDown,
  nodeTlsFiles,
  readPidFile,
  startProcess,
  waitFor,
  type NodeSpec,
  type ResolvedConfig,
  type TlsFiles,
} from '@idcard/network';
import { startCaNetwork } from '../support/test-network';

interface Handshake {
  readonly authorized: boolean;
  readonly error: string | undefined;
  readonly alpn: string | false | null;
}

function handshake(node: NodeSpec, ca: Buffer): Promise<Handshake> {
  return new Promise((resolveHandshake) => {
    const socket = connect({ host: node.host, port: node.port, ca, ALPNProtocols: ['h2'], timeout: 5_000 });
    const done = (h: Handshake) => {
      socket.destroy();
      resolveHandshake(h);
    };
    socket.once('secureConnect', () => {
      done({ authorized: socket.authorized, error: undefined, alpn: socket.alpnProtocol });
    });
    socket.once('error', (err: Error) => {
      done({ authorized: false, error: err.message, alpn: null });
    });
    socket.once('timeout', () => {
      done({ authorized: false, error: 'timeout', alpn: null });
    });
  });
}

describe('chaincode server over TLS (real fabric-shim server, certificate from a real CA)', () => {
  let cfg: ResolvedConfig;
  let server: NodeSpec;
  let tls: TlsFiles;

  beforeAll(async () => {
    await startCaNetwork('ccaas-tls', (c) => (cfg = c));
    server = chaincodeNode(cfg);
    tls = nodeTlsFiles(server);
    startProcess(chaincodeServerSpec(cfg, 'idcard_tls:0000', { certFile: tls.cert, keyFile: tls.key }));
    await waitFor(
      server.name,
      async () => (await handshake(server, readFileSync(tls.ca))).authorized,
      60_000,
    );
  }, 240_000);

  afterAll(async () => {
    await networkDown(cfg);
  });

  it('has a TLS certificate for its address, issued by its organisation’s CA', () => {
    const cert = new X509Certificate(readFileSync(tls.cert));
    expect(cert.subjectAltName).toContain(`IP Address:${server.host}`);
    const ca = new X509Certificate(readFileSync(caCertPath(cfg, server.org)));
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subject).toContain('OU=client');
  });

  it('answers a TLS handshake that verifies against the CA root, speaking HTTP/2 (gRPC)', async () => {
    const h = await handshake(server, readFileSync(tls.ca));
    expect(h).toEqual({ authorized: true, error: undefined, alpn: 'h2' });
  });

  it('is not trusted through another organisation’s CA', async () => {
    const other = cfg.organisations.find((o) => o.name !== server.org)!;
    const h = await handshake(server, readFileSync(caCertPath(cfg, other.name)));
    expect(h.authorized).toBe(false);
    expect(h.error).toMatch(/certificate/i);
  });

  it('keeps running, waiting for peers', () => {
    const rec = readPidFile(chaincodeServerSpec(cfg, 'idcard_tls:0000').pidFile);
    expect(rec !== undefined && isAlive(rec)).toBe(true);
  });
});
