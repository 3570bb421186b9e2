/**
 * Reads the attributes Fabric CA puts in an enrolment certificate: JSON
 * (`{"attrs":{...}}`) in the extension with OID 1.2.3.4.5.6.7.8.1.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** DER of OID 1.2.3.4.5.6.7.8.1 (tag, length, 1*40+2, 3 ... 8, 1). */
const ATTRS_OID = Buffer.from([0x06, 0x08, 0x2a, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x01]);

/** A DER length at `at`: its value and where the content starts. */
function derLength(der: Buffer, at: number): { length: number; start: number } {
  const first = der[at]!;
  if (first < 0x80) return { length: first, start: at + 1 };
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 1; i <= bytes; i++) length = length * 256 + der[at + i]!;
  return { length, start: at + 1 + bytes };
}

/** The certificate's Fabric CA attributes; {} when it has none. */
export function certAttributes(certPath: string): Record<string, string> {
  const der = new X509Certificate(readFileSync(certPath)).raw;
  const oidAt = der.indexOf(ATTRS_OID);
  if (oidAt < 0) return {};
  let at = oidAt + ATTRS_OID.length;
  if (der[at] === 0x01) at += 3; // critical BOOLEAN
  if (der[at] !== 0x04) throw new Error('attribute extension without an OCTET STRING value');
  const { length, start } = derLength(der, at + 1);
  const json = der.subarray(start, start + length).toString('utf8');
  return (JSON.parse(json) as { attrs: Record<string, string> }).attrs;
}
