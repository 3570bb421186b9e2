/**
 * Lays out Fabric MSP folders from what Fabric CA enrolment wrote: the
 * NodeOUs config that lets Fabric tell peers, orderers, admins and clients
 * apart by the OU Fabric CA puts in each certificate, and the org-level MSP
 * that goes into the channel configuration.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `config.yaml` enabling NodeOUs against the CA certificate at `cacerts/<caCertName>`. */
export function writeNodeOuConfig(mspDir: string, caCertName: string): void {
  const id = (ou: string): string =>
    `    Certificate: cacerts/${caCertName}\n    OrganizationalUnitIdentifier: ${ou}\n`;
  const yaml =
    'NodeOUs:\n  Enable: true\n' +
    `  ClientOUIdentifier:\n${id('client')}` +
    `  PeerOUIdentifier:\n${id('peer')}` +
    `  AdminOUIdentifier:\n${id('admin')}` +
    `  OrdererOUIdentifier:\n${id('orderer')}`;
  writeFileSync(join(mspDir, 'config.yaml'), yaml);
}

/** The single file in a folder (a keystore holds one key, cacerts one CA cert). */
export function singleFile(dir: string): string {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
  const [first] = files;
  if (files.length !== 1 || first === undefined) {
    throw new Error(`expected exactly one file in ${dir}, found ${files.length}`);
  }
  return join(dir, first);
}

/**
 * Builds the org-level MSP (cacerts, tlscacerts, NodeOUs config) from the CA
 * certificate. One CA per organisation signs both enrolment and TLS certificates.
 */
export function writeOrgMsp(orgMspDir: string, caCertPath: string): void {
  for (const sub of ['cacerts', 'tlscacerts']) {
    mkdirSync(join(orgMspDir, sub), { recursive: true });
    copyFileSync(caCertPath, join(orgMspDir, sub, 'ca-cert.pem'));
  }
  writeNodeOuConfig(orgMspDir, 'ca-cert.pem');
}

/** Makes an enrolled local MSP usable by a Fabric node or client: its CA cert under one known name, and NodeOUs. */
export function finishLocalMsp(mspDir: string): void {
  const cacerts = join(mspDir, 'cacerts');
  const current = singleFile(cacerts);
  const wanted = join(cacerts, 'ca-cert.pem');
  if (current !== wanted) renameSync(current, wanted);
  writeNodeOuConfig(mspDir, 'ca-cert.pem');
}
