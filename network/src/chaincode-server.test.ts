import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chaincodeServerSpec, fabricShimCli } from './chaincode-server';
import { chaincodeNode } from './topology';
import { fakeNetwork } from './test-support/fake-network';

describe('chaincode server', () => {
  const net = fakeNetwork('raft');
  const node = chaincodeNode(net.cfg);

  it('runs the fabric-shim server in the chaincode folder with address, package id and TLS', () => {
    const spec = chaincodeServerSpec(net.cfg, 'idcard_1:abc', {
      certFile: '/t/cert.pem',
      keyFile: '/t/key.pem',
    });
    expect(spec.program).toBe(process.execPath);
    expect(spec.args).toEqual([
      fabricShimCli(net.cfg),
      'server',
      '--chaincode-address',
      `${node.host}:${node.port}`,
      '--chaincode-id',
      'idcard_1:abc',
      '--chaincode-tls-cert-file',
      '/t/cert.pem',
      '--chaincode-tls-key-file',
      '/t/key.pem',
    ]);
    expect(spec.cwd).toBe(join(net.cfg.projectRoot, 'chaincode'));
    expect(spec.name).toBe(node.name);
    // No CORE_* option but the log level (the default spec 'info' keeps the shim at warnings).
    expect(Object.keys(spec.env).filter((k) => k.startsWith('CORE_'))).toEqual([
      'CORE_CHAINCODE_LOGGING_LEVEL',
    ]);
    expect(spec.env.CORE_CHAINCODE_LOGGING_LEVEL).toBe('WARNING');
  });

  it('points at the installed fabric-shim command line and a chaincode package exporting contracts', () => {
    expect(existsSync(fabricShimCli(net.cfg))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(net.cfg.projectRoot, 'chaincode', 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toMatch(/index\.js$/);
  });

  it('asks peers for a client certificate when given a client CA', () => {
    const spec = chaincodeServerSpec(net.cfg, 'x:1', { certFile: 'c', keyFile: 'k', clientCaFile: 'ca' });
    expect(spec.args.slice(-2)).toEqual(['--chaincode-tls-client-cacert-file', 'ca']);
  });
});
