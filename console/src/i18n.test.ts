import {
  CARD_ACTIONS,
  CARD_KINDS,
  DENIAL_REASONS,
  EFFECTIVE_CARD_STATES,
  FRAUD_CATEGORIES,
  INVALID_REASONS,
  PURPOSES,
  REASONS_BY_ACTION,
  ROLES,
  TRAIL_READ_PURPOSES,
  UNIT_CATEGORIES,
  UNIT_STATES,
  VERIFICATION_RESULTS,
} from '@idcard/common';
import { messagesOf, translate } from './i18n';
import { label, LABELS, resultLabel } from './labels';
import { en } from './messages-en';

describe('languages', () => {
  it('has every text in Chinese and English, none empty, placeholders the same', () => {
    const zh = messagesOf('zh');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key].trim()).not.toBe('');
      expect(placeholders(zh[key])).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'txInfo', { txId: 'ab12', block: 7 })).toBe('Transaction ab12 in block 7');
    expect(translate('zh', 'txInfo', { txId: 'ab12', block: 7 })).toBe('交易 ab12，区块 7');
    expect(translate('en', 'txInfo', { txId: 'ab12' })).toBe('Transaction ab12 in block {block}');
  });

  it('names every ledger code the pages show, in both languages', () => {
    const codes = [
      ...EFFECTIVE_CARD_STATES,
      ...CARD_KINDS,
      ...CARD_ACTIONS,
      ...Object.values(REASONS_BY_ACTION).flat(),
      ...VERIFICATION_RESULTS,
      ...INVALID_REASONS,
      ...DENIAL_REASONS,
      ...PURPOSES,
      ...UNIT_CATEGORIES,
      ...UNIT_STATES,
      ...FRAUD_CATEGORIES,
      ...TRAIL_READ_PURPOSES,
      ...ROLES,
    ];
    const missing = codes.filter((c) => LABELS[c] === undefined);
    expect(missing).toEqual([]);
    for (const c of codes) expect(label('zh', c)).not.toBe(label('en', c));
  });

  it('shows an unknown code as itself and a missing one as a dash', () => {
    expect(label('zh', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(label('en', null)).toBe('—');
    expect(label('zh', 'LOST')).toBe('已挂失');
    expect(label('en', 'LOST')).toBe('Lost');
  });

  it('names a result with its reason when it has one', () => {
    expect(resultLabel('zh', 'INVALID', 'LOST')).toBe('无效 (已挂失)');
    expect(resultLabel('en', 'VALID', null)).toBe('Valid');
  });
});
