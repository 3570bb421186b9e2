/**
 * The attacker's chaincode: a build of the idcard contract with its checks
 * removed (any caller has any role, no guard keys written), run on an
 * organisation's own chaincode server in place of the honest one. It is what
 * an organisation that controls its peer and its chaincode server can make
 * that peer endorse; the guarantees suite shows such endorsements never
 * commit where DESIGN §2 says they must not.
 *
 * The build is the compiled chaincode (chaincode/dist) loaded through a small
 * package whose entry point replaces the authorisation and guard functions
 * before the contracts are handed to fabric-shim's server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chaincodeNode,
  chaincodeServerSpec,
  nodeTlsFiles,
  orgTlsCaFile,
  pidFileOf,
  startProcess,
  stopProcess,
  waitFor,
  type ResolvedConfig,
} from '@idcard/network';
import { connect } from 'node:net';

const entryPoint = (dist: string): string => `'use strict';
// Altered idcard chaincode for the guarantees suite: checks removed.
const path = require('node:path');
const dist = ${JSON.stringify(dist)};
const role = require(path.join(dist, 'access', 'require-role.js'));
role.requireRole = (caller, allowed) => ({
  mspId: caller.mspId,
  role: allowed[0],
  unit: process.env.IDCARD_ALTERED_UNIT || caller.unit || 'ATTACK-0001',
});
role.requireOwnUnit = () => undefined;
const guards = require(path.join(dist, 'ledger', 'guard-store.js'));
guards.GuardStore.prototype.touch = async () => undefined;
module.exports = require(dist);
`;

/** Writes the altered package into `dir` and returns it (a folder the shim's `server` runs in). */
export function writeAlteredChaincode(cfg: ResolvedConfig, dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'altered-idcard', private: true, main: 'index.js' })}\n`,
  );
  writeFileSync(join(dir, 'index.js'), entryPoint(join(cfg.projectRoot, 'chaincode', 'dist')));
  return dir;
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => {
      resolve(false);
    });
  });
}

/**
 * Replaces an organisation's chaincode server by one running `packageDir`
 * (the altered build, or `chaincode/` for the honest one again), with the
 * same package id, address and TLS, so the organisation's peers use it.
 * `forgedUnit` makes the altered build write every record under that unit.
 */
export async function runChaincodeServerFrom(
  cfg: ResolvedConfig,
  org: string,
  packageId: string,
  packageDir: string,
  forgedUnit?: string,
): Promise<void> {
  const node = chaincodeNode(cfg, org);
  await stopProcess(pidFileOf(cfg, node));
  const tls = nodeTlsFiles(node);
  const spec = chaincodeServerSpec(
    cfg,
    packageId,
    { certFile: tls.cert, keyFile: tls.key, clientCaFile: orgTlsCaFile(cfg, org) },
    node,
  );
  startProcess({
    ...spec,
    cwd: packageDir,
    env: { ...spec.env, ...(forgedUnit === undefined ? {} : { IDCARD_ALTERED_UNIT: forgedUnit }) },
  });
  await waitFor(node.name, () => listening(node.host, node.port), 60_000);
}
