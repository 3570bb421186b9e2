import {
  approvalsMissing,
  nextDefinition,
  parseApprovedPackageId,
  parseCommitReadiness,
  parseQueryCommitted,
  parseQueryInstalled,
  peersMissingPackage,
} from './lifecycle-plan';

const PKG = 'idcard_1:aaaa';
const OTHER = 'idcard_1:bbbb';

describe('reading lifecycle query output', () => {
  it('lists installed package ids, and none from an empty answer', () => {
    const out = JSON.stringify({
      installed_chaincodes: [
        { package_id: PKG, label: 'idcard_1' },
        { package_id: OTHER, label: 'idcard_1' },
      ],
    });
    expect(parseQueryInstalled(out)).toEqual([PKG, OTHER]);
    expect(parseQueryInstalled('{}\n')).toEqual([]);
  });

  it('reads the committed sequence and version', () => {
    const res = { code: 0, stdout: '{"sequence":3,"version":"1.2","approvals":{"A":true}}', stderr: '' };
    expect(parseQueryCommitted(res)).toEqual({ sequence: 3, version: '1.2' });
  });

  it('treats a 404 from querycommitted as never committed', () => {
    const res = {
      code: 1,
      stdout: '',
      stderr: 'Error: query failed with status: 404 - namespace idcard is not defined',
    };
    expect(parseQueryCommitted(res)).toBeUndefined();
  });

  it('fails on any other querycommitted error', () => {
    const res = { code: 1, stdout: '', stderr: 'Error: failed to connect: connection refused' };
    expect(() => parseQueryCommitted(res)).toThrow(/querycommitted failed/);
  });

  it('finds the package id of an approved definition however it is nested', () => {
    const out = JSON.stringify({ sequence: 2, source: { Type: { LocalPackage: { package_id: PKG } } } });
    expect(parseApprovedPackageId(out)).toBe(PKG);
    expect(parseApprovedPackageId('{"sequence":2,"source":{"Type":{"Unavailable":{}}}}')).toBeUndefined();
    expect(parseApprovedPackageId('not json')).toBeUndefined();
  });

  it('reads approvals by MSP id', () => {
    const out = '{"approvals":{"PublicSecurityMSP":true,"BigDataBureauMSP":false}}';
    expect(parseCommitReadiness(out)).toEqual({ PublicSecurityMSP: true, BigDataBureauMSP: false });
  });
});

describe('deciding what to deploy', () => {
  it('installs only on peers that lack the package', () => {
    const installed = new Map([
      ['peer0.a', [PKG]],
      ['peer0.b', [OTHER]],
      ['peer0.c', []],
    ]);
    expect(peersMissingPackage(installed, PKG)).toEqual(['peer0.b', 'peer0.c']);
  });

  it('commits sequence 1 when nothing is committed', () => {
    expect(nextDefinition({ packageId: PKG, version: '1' }, undefined, undefined)).toEqual({
      upToDate: false,
      sequence: 1,
    });
  });

  it('does nothing when the same package and version are committed', () => {
    expect(nextDefinition({ packageId: PKG, version: '1' }, { sequence: 4, version: '1' }, PKG)).toEqual({
      upToDate: true,
      sequence: 4,
    });
  });

  it('upgrades to the next sequence when the package changed', () => {
    expect(nextDefinition({ packageId: PKG, version: '1' }, { sequence: 4, version: '1' }, OTHER)).toEqual({
      upToDate: false,
      sequence: 5,
    });
  });

  it('upgrades to the next sequence when the version changed (new chaincode build, same ccaas package)', () => {
    expect(nextDefinition({ packageId: PKG, version: '2' }, { sequence: 1, version: '1' }, PKG)).toEqual({
      upToDate: false,
      sequence: 2,
    });
  });

  it('relies on the version when the committed package cannot be read', () => {
    expect(
      nextDefinition({ packageId: PKG, version: '1' }, { sequence: 2, version: '1' }, undefined).upToDate,
    ).toBe(true);
  });

  it('approves only for organisations that have not approved', () => {
    expect(approvalsMissing({ A: true, B: false }, ['A', 'B', 'C'])).toEqual(['B', 'C']);
    expect(approvalsMissing({ A: true, B: true }, ['A', 'B'])).toEqual([]);
  });
});
