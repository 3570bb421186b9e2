import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_PATTERN } from '@idcard/common';
import { idNumberFor } from '../test-support/id-numbers';
import { createPseudonymizer, loadPseudonymizer } from './pseudonyms';

const KEY = Buffer.from('0f'.repeat(32), 'hex');
const ID = idNumberFor('110101', '19900307', '123');

describe('pseudonyms', () => {
  it('are HMAC-SHA256 of the documented inputs, prefixed with the key id', () => {
    const p = createPseudonymizer('k2026', KEY);
    const hmac = (text: string) => createHmac('sha256', KEY).update(text).digest('hex');
    expect(p.personRef(ID)).toBe(`k2026.${hmac(ID)}`);
    expect(p.cardRef(ID, '2020-05-01')).toBe(`k2026.${hmac(`${ID}|2020-05-01`)}`);
    expect(p.nameCheck(ID, '张三')).toBe(`k2026.${hmac(`${ID}|张三`)}`);
    for (const ref of [p.personRef(ID), p.cardRef(ID, '2020-05-01'), p.nameCheck(ID, '张三')]) {
      expect(ref).toMatch(REFERENCE_PATTERN);
    }
  });

  it('are deterministic for one key and differ across keys, cards and names', () => {
    const a = createPseudonymizer('k1', KEY);
    const b = createPseudonymizer('k1', KEY);
    const other = createPseudonymizer('k1', Buffer.alloc(32, 1));
    expect(a.personRef(ID)).toBe(b.personRef(ID));
    expect(a.personRef(ID)).not.toBe(other.personRef(ID));
    expect(a.cardRef(ID, '2020-05-01')).not.toBe(a.cardRef(ID, '2030-05-01'));
    expect(a.nameCheck(ID, '张三')).not.toBe(a.nameCheck(ID, '张四'));
  });

  it('compare names after Unicode NFC only: whitespace is not folded (the routes refuse odd whitespace)', () => {
    const p = createPseudonymizer('k1', KEY);
    expect(p.nameCheck(ID, 'Zo\u00eb Li')).toBe(p.nameCheck(ID, 'Zoe\u0308 Li'));
    expect(p.nameCheck(ID, ' Zo\u00eb  Li')).not.toBe(p.nameCheck(ID, 'Zo\u00eb Li'));
  });

  it('never expose the key', () => {
    const p = createPseudonymizer('k1', KEY);
    const visible = JSON.stringify(p) + Object.keys(p).join() + String(Object.values(p));
    expect(visible).not.toContain(KEY.toString('hex'));
    expect(Object.isFrozen(p)).toBe(true);
  });

  it('refuse short keys and bad key ids', () => {
    expect(() => createPseudonymizer('k1', Buffer.alloc(16))).toThrow(/at least 32 bytes/);
    expect(() => createPseudonymizer('K.1', KEY)).toThrow(/key id/);
  });

  it('load a hex key file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'idcard-key-')), 'hmac.key');
    writeFileSync(file, `${KEY.toString('hex')}\n`);
    expect(loadPseudonymizer(file, 'k1').personRef(ID)).toBe(createPseudonymizer('k1', KEY).personRef(ID));
  });
});
