/**
 * The few DER (ASN.1 distinguished encoding) shapes Fabric signs and hashes:
 * a block header is SEQUENCE { INTEGER, OCTET STRING, OCTET STRING } and an
 * ECDSA signature is SEQUENCE { INTEGER r, INTEGER s }; plus a generic walk
 * over elements for reading certificate extensions. Only definite lengths
 * are produced or accepted.
 */
import { AuditFormatError } from './audit-errors';

const TAG_INTEGER = 0x02;
const TAG_OCTET_STRING = 0x04;
const TAG_SEQUENCE = 0x30;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function encodeTlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** DER INTEGER of a non-negative value: minimal big-endian two's complement. */
export function encodeInteger(value: bigint): Buffer {
  if (value < 0n) throw new RangeError('negative DER integers are not used here');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let content = Buffer.from(hex, 'hex');
  if ((content[0] ?? 0) & 0x80) content = Buffer.concat([Buffer.from([0]), content]);
  return encodeTlv(TAG_INTEGER, content);
}

/** DER OCTET STRING. */
export function encodeOctetString(value: Uint8Array): Buffer {
  return encodeTlv(TAG_OCTET_STRING, value);
}

/** DER SEQUENCE of already-encoded elements. */
export function encodeSequence(elements: readonly Uint8Array[]): Buffer {
  return encodeTlv(TAG_SEQUENCE, Buffer.concat(elements));
}

/** One DER element: its tag byte and its content. */
export interface DerElement {
  readonly tag: number;
  readonly content: Buffer;
}

interface Tlv extends DerElement {
  readonly end: number;
}

function readTlv(bytes: Buffer, offset: number): Tlv {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) throw new AuditFormatError('DER: truncated element');
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new AuditFormatError('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[start + i] ?? 0);
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new AuditFormatError('DER: element overruns its container');
  return { tag, content: bytes.subarray(start, end), end };
}

function readUnsignedInteger(bytes: Buffer, offset: number): { value: bigint; end: number } {
  const tlv = readTlv(bytes, offset);
  if (tlv.tag !== TAG_INTEGER || tlv.content.length === 0)
    throw new AuditFormatError('DER: INTEGER expected');
  if ((tlv.content[0] ?? 0) & 0x80) throw new AuditFormatError('DER: negative INTEGER');
  return { value: BigInt(`0x${tlv.content.toString('hex')}`), end: tlv.end };
}

/**
 * Reads SEQUENCE { INTEGER, INTEGER } (an ECDSA signature) exactly.
 * @throws AuditFormatError when the bytes are not exactly that
 */
export function decodeIntegerPair(bytes: Uint8Array): { r: bigint; s: bigint } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sequence = readTlv(buffer, 0);
  if (sequence.tag !== TAG_SEQUENCE || sequence.end !== buffer.length)
    throw new AuditFormatError('DER: SEQUENCE expected');
  const r = readUnsignedInteger(sequence.content, 0);
  const s = readUnsignedInteger(sequence.content, r.end);
  if (s.end !== sequence.content.length) throw new AuditFormatError('DER: trailing bytes in SEQUENCE');
  return { r: r.value, s: s.value };
}

/**
 * The element that exactly fills `bytes`.
 * @throws AuditFormatError when the bytes are not one whole element
 */
export function derElement(bytes: Uint8Array): DerElement {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { tag, content, end } = readTlv(buffer, 0);
  if (end !== buffer.length) throw new AuditFormatError('DER: trailing bytes after element');
  return { tag, content };
}

/**
 * The elements of a constructed element's content, in order.
 * @throws AuditFormatError when the content is not a run of whole elements
 */
export function derChildren(content: Buffer): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = 0; offset < content.length; ) {
    const { tag, content: inner, end } = readTlv(content, offset);
    children.push({ tag, content: inner });
    offset = end;
  }
  return children;
}
