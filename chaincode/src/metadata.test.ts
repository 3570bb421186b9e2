import './test-support/quiet-logs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_NAMES, TRANSACTIONS, type ContractName } from '@idcard/common';
import { contracts } from './index';
import { contractMetadata } from './test-support/contract-metadata';

const GOLDEN = join(__dirname, '..', 'metadata.golden.json');

interface Metadata {
  contracts: Record<
    string,
    {
      transactions: {
        name: string;
        tag: string[];
        parameters?: { name: string; description: string; schema: { type: string } }[];
        returns?: { $ref: string };
      }[];
    }
  >;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

describe('contract metadata', () => {
  const published = contractMetadata(contracts);
  const metadata = JSON.parse(published) as Metadata;

  it('matches chaincode/metadata.golden.json (regenerate with UPDATE_GOLDEN=1)', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, published);
    expect(existsSync(GOLDEN)).toBe(true);
    expect(published).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  const txsOf = (contract: ContractName) => metadata.contracts[contract]?.transactions ?? [];

  it.each(CONTRACT_NAMES)('contract %s publishes exactly the transactions of TRANSACTIONS', (contract) => {
    const expected = Object.entries(TRANSACTIONS)
      .filter(([, spec]) => spec.contract === contract)
      .map(([name]) => name);
    expect(txsOf(contract).map((tx) => tx.name)).toEqual(expected);
  });

  it.each(Object.entries(TRANSACTIONS))(
    '%s publishes its arguments in order, as text, with their descriptions, and its result',
    (name, spec) => {
      const tx = txsOf(spec.contract).find((t) => t.name === name);
      const expected = Object.entries(spec.args).map(([arg, { doc }]) => ({
        name: arg,
        description: doc,
        schema: { type: 'string' },
      }));
      expect(tx?.parameters ?? []).toEqual(expected);
      expect(tx?.returns).toEqual({ $ref: `#/components/schemas/${spec.returns}` });
      for (const { type, doc } of Object.values(spec.args)) {
        if (type === 'json') expect(doc).toMatch(/^JSON (array|object)/);
      }
    },
  );

  it.each(Object.entries(TRANSACTIONS))(
    '%s is tagged SUBMIT or EVALUATE as TRANSACTIONS says',
    (name, spec) => {
      const tx = txsOf(spec.contract).find((t) => t.name === name);
      expect(tx?.tag).toContain(spec.kind === 'submit' ? 'SUBMIT' : 'EVALUATE');
      expect(tx?.tag).not.toContain(spec.kind === 'submit' ? 'EVALUATE' : 'SUBMIT');
    },
  );

  it('describes every record type with its fields', () => {
    const schemas = metadata.components.schemas;
    expect(Object.keys(schemas).sort()).toEqual(
      [
        'BootstrapResult',
        'Card',
        'CardHistoryEntry',
        'CardHistoryPage',
        'CardStatusAt',
        'EidToken',
        'FraudReport',
        'FraudReportPage',
        'NoticeBatch',
        'PersonCardSummary',
        'PersonCards',
        'StatusNotice',
        'StatusNoticePage',
        'TrailRead',
        'TrailReadPage',
        'Unit',
        'UnitPage',
        'VerificationBatch',
        'VerificationPage',
        'VerificationRecord',
      ].sort(),
    );
    expect(Object.keys(schemas.Card?.properties ?? {})).toHaveLength(14);
    expect(schemas.Card?.properties).not.toHaveProperty('nameCheck');
  });

  it('exports the seven contracts, cards first (the default contract)', () => {
    expect(contracts.map((Contract) => new Contract().getName())).toEqual([...CONTRACT_NAMES]);
    expect(CONTRACT_NAMES[0]).toBe('cards');
  });
});
