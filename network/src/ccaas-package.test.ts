import { join } from 'node:path';
import { connectionJson, connectionTemplate, packageCcaas, packageId } from './ccaas-package';
import { runCommand } from '@idcard/ca-client';
import { dataPaths } from './topology';
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

  it('writes metadata.json and code.tar.gz (holding the connection.json template) under the chaincode folder', async () => {
    const net = fakeNetwork('raft');
    const file = await packageCcaas(net.cfg, 'idcard_1');
    expect(file).toBe(join(dataPaths(net.cfg).chaincode, 'idcard_1.tgz'));
    const outer = await runCommand('tar', ['-tzf', file]);
    expect(outer.stdout.split('\n').filter(Boolean)).toEqual(['code.tar.gz', 'metadata.json']);
    const meta = await runCommand('tar', ['-xzOf', file, 'metadata.json']);
    expect(JSON.parse(meta.stdout)).toEqual({ type: 'ccaas', label: 'idcard_1' });
    const dir = join(net.cfg.dataDir, 'unpacked');
    await runCommand('mkdir', ['-p', dir]);
    await runCommand('tar', ['-xzf', file, '-C', dir]);
    const conn = await runCommand('tar', ['-xzOf', join(dir, 'code.tar.gz'), 'connection.json']);
    expect(JSON.parse(conn.stdout)).toEqual(JSON.parse(connectionTemplate()));
  });

  it('asks each peer for its own server, TLS root and client certificate (mutual TLS)', () => {
    expect(JSON.parse(connectionTemplate())).toEqual({
      address: '{{.address}}',
      dial_timeout: '10s',
      tls_required: true,
      client_auth_required: true,
      root_cert: '{{.root_cert}}',
      client_key: '{{.client_key}}',
      client_cert: '{{.client_cert}}',
    });
  });

  it('gives the same package id on every network for a label, and another for another label', async () => {
    const a = fakeNetwork('raft');
    const b = fakeNetwork('raft');
    const idA = packageId('idcard_1', await packageCcaas(a.cfg, 'idcard_1'));
    await new Promise((r) => setTimeout(r, 1100)); // a later clock second must not change the bytes
    const idB = packageId('idcard_1', await packageCcaas(b.cfg, 'idcard_1'));
    expect(idA).toMatch(/^idcard_1:[0-9a-f]{64}$/);
    expect(idB).toBe(idA);
    const idC = packageId('idcard_2', await packageCcaas(b.cfg, 'idcard_2'));
    expect(idC).not.toBe(idA);
  });
});
