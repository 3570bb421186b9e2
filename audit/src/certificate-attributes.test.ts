import { AuditFormatError } from './audit-errors';
import { certificateAttributes } from './certificate-attributes';
import { createTestOrg, type TestOrg } from './test-support/test-pki';

let org: TestOrg;

beforeAll(() => {
  org = createTestOrg('RelyingPartyMSP');
});

describe('certificateAttributes', () => {
  it('reads the attributes Fabric CA puts in extension 1.2.3.4.5.6.7.8.1', () => {
    const { certificate } = org.member('verifier-LIB-0001', {
      attributes: { 'hf.EnrollmentID': 'verifier-LIB-0001', role: 'verifier', unit: 'LIB-0001' },
    });

    expect(certificateAttributes(certificate)).toEqual({
      'hf.EnrollmentID': 'verifier-LIB-0001',
      role: 'verifier',
      unit: 'LIB-0001',
    });
  });

  it('reads the extension when it is marked critical', () => {
    const { certificate } = org.member('critical', { attributes: { unit: 'LIB-0002' }, critical: true });

    expect(certificateAttributes(certificate)).toEqual({ unit: 'LIB-0002' });
  });

  it('gives no attributes for a certificate without the extension', () => {
    expect(certificateAttributes(org.member('plain').certificate)).toEqual({});
  });

  it('leaves out attribute values that are not strings', () => {
    const value = Buffer.from(JSON.stringify({ attrs: { unit: 7, role: 'verifier' } }));
    const { certificate } = org.member('odd', { extensionValue: value });

    expect(certificateAttributes(certificate)).toEqual({ role: 'verifier' });
  });

  it('refuses an attribute extension that is not Fabric CA JSON with AuditFormatError', () => {
    const notJson = org.member('not-json', { extensionValue: Buffer.from('unit=LIB-0001') }).certificate;
    const noAttrs = org.member('no-attrs', {
      extensionValue: Buffer.from('{"unit":"LIB-0001"}'),
    }).certificate;

    expect(() => certificateAttributes(notJson)).toThrow(AuditFormatError);
    expect(() => certificateAttributes(noAttrs)).toThrow(AuditFormatError);
  });

  it('refuses bytes that are not a certificate with AuditFormatError', () => {
    expect(() =>
      certificateAttributes('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
    ).toThrow(AuditFormatError);
  });
});
