import { join } from 'node:path';
import { connectionJson, packageCcaas, packageId } from './ccaas-package';
import { runCommand } from './run-command';
import { chaincodeNode, dataPaths } from './topology';
import { fakeNetwork } from './test-support/fake-network';

const ROOT_PEM = '-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n';

describe('ccaas package', () => {
  it('describes the server address and TLS root in connection.json', () => {
    expect(JSON.parse(connectionJson('127.0.0.1:7052', ROOT_PEM))).toEqual({
      address: '127.0.0.1:7052',
      dial_timeout: '10s',
      tls_required: true,
      client_auth_required: false,
      root_cert: ROOT_PEM,
    });
    expect(JSON.parse(connectionJson('127.0.0.1:7052'))).toMatchObject({ tls_required: false });
  });

  it('writes metadata.json and code.tar.gz (holding connection.json) under the chaincode folder', async () => {
    const net = fakeNetwork('raft');
    const file = await packageCcaas(net.cfg, 'idcard_1', chaincodeNode(net.cfg), ROOT_PEM);
    expect(file).toBe(join(dataPaths(net.cfg).chaincode, 'idcard_1.tgz'));
    const outer = await runCommand('tar', ['-tzf', file]);
    expect(outer.stdout.split('\n').filter(Boolean)).toEqual(['code.tar.gz', 'metadata.json']);
    const meta = await runCommand('tar', ['-xzOf', file, 'metadata.json']);
    expect(JSON.parse(meta.stdout)).toEqual({ type: 'ccaas', label: 'idcard_1' });
    const dir = join(net.cfg.dataDir, 'unpacked');
    await runCommand('mkdir', ['-p', dir]);
    await runCommand('tar', ['-xzf', file, '-C', dir]);
    const conn = await runCommand('tar', ['-xzOf', join(dir, 'code.tar.gz'), 'connection.json']);
    const node = chaincodeNode(net.cfg);
    expect(JSON.parse(conn.stdout)).toMatchObject({
      address: `${node.host}:${node.port}`,
      root_cert: ROOT_PEM,
    });
  });

  it('gives the same package id for equal inputs and another for a changed address', async () => {
    const a = fakeNetwork('raft');
    const b = fakeNetwork('raft');
    const node = chaincodeNode(a.cfg);
    const idA = packageId('idcard_1', await packageCcaas(a.cfg, 'idcard_1', node, ROOT_PEM));
    await new Promise((r) => setTimeout(r, 1100)); // a later clock second must not change the bytes
    const idB = packageId('idcard_1', await packageCcaas(b.cfg, 'idcard_1', node, ROOT_PEM));
    expect(idA).toMatch(/^idcard_1:[0-9a-f]{64}$/);
    expect(idB).toBe(idA);
    const moved = { ...node, port: node.port + 1 };
    const idC = packageId('idcard_1', await packageCcaas(b.cfg, 'idcard_1', moved, ROOT_PEM));
    expect(idC).not.toBe(idA);
  });
});
