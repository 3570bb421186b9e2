/**
 * The attributes Fabric CA certifies in an enrolment certificate: JSON
 * `{"attrs":{"role":"verifier","unit":"LIB-0001",...}}` as the value of the
 * X.509 extension 1.2.3.4.5.6.7.8.1 (what the chaincode's ClientIdentity
 * reads as `getAttributeValue`). The extension is found by walking the
 * certificate's structure, never by searching its bytes.
 */
import { X509Certificate } from 'node:crypto';
import { AuditFormatError } from './audit-errors';
import { derChildren, derElement, type DerElement } from './der';

/** Content bytes of OID 1.2.3.4.5.6.7.8.1 (1*40+2, 3, 4, 5, 6, 7, 8, 1). */
const ATTRIBUTES_OID = Buffer.from([0x2a, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x01]);

const TAG_BOOLEAN = 0x01;
const TAG_OCTET_STRING = 0x04;
const TAG_OID = 0x06;
const TAG_SEQUENCE = 0x30;
/** TBSCertificate field `extensions [3] EXPLICIT`. */
const TAG_EXTENSIONS = 0xa3;

function sequenceOf(element: DerElement | undefined, what: string): DerElement[] {
  if (element?.tag !== TAG_SEQUENCE) throw new AuditFormatError(`certificate: ${what} is not a SEQUENCE`);
  return derChildren(element.content);
}

/** The extnValue of extension `oid`, or undefined when the certificate has none. */
function extensionValue(der: Buffer, oid: Buffer): Buffer | undefined {
  const [tbs] = sequenceOf(derElement(der), 'Certificate');
  const wrapper = sequenceOf(tbs, 'TBSCertificate').find((field) => field.tag === TAG_EXTENSIONS);
  if (wrapper === undefined) return undefined;
  const found: Buffer[] = [];
  for (const extension of sequenceOf(derElement(wrapper.content), 'Extensions')) {
    const [id, second, third] = sequenceOf(extension, 'Extension');
    if (id?.tag !== TAG_OID || !id.content.equals(oid)) continue;
    const value = second?.tag === TAG_BOOLEAN ? third : second;
    if (value?.tag !== TAG_OCTET_STRING) throw new AuditFormatError('certificate: extension without a value');
    found.push(value.content);
  }
  if (found.length > 1) throw new AuditFormatError('certificate: attribute extension repeated');
  return found[0];
}

function attributesOf(json: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new AuditFormatError('certificate: attribute extension is not JSON', { cause: err });
  }
  const attrs = (parsed as { attrs?: unknown } | null)?.attrs;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))
    throw new AuditFormatError('certificate: attribute extension has no attrs object');
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) if (typeof value === 'string') strings[name] = value;
  return strings;
}

/**
 * The Fabric CA attributes of a certificate (PEM or DER); `{}` when it
 * carries no attribute extension. Non-string attribute values are left out.
 * @throws AuditFormatError when the certificate or the extension does not parse
 */
export function certificateAttributes(certificate: string | Uint8Array): Readonly<Record<string, string>> {
  let der: Buffer;
  try {
    der = new X509Certificate(certificate).raw;
  } catch (err) {
    throw new AuditFormatError('certificate: not an X.509 certificate', { cause: err });
  }
  const value = extensionValue(der, ATTRIBUTES_OID);
  return value === undefined ? {} : attributesOf(value.toString('utf8'));
}
