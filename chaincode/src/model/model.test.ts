import '../test-support/quiet-logs';
import { PAGES, RECORDS, pageFields, type FieldSpec, type FieldTable } from '@idcard/common';
import { contracts } from '../index';
import { contractMetadata } from '../test-support/contract-metadata';
import { MODELS, metadataType } from './index';

interface Schemas {
  components: { schemas: Record<string, { $id: string; properties: Record<string, unknown> }> };
}

const schemas = (JSON.parse(contractMetadata(contracts)) as Schemas).components.schemas;

/** The JSON schema fabric-contract-api publishes for a @Property of the field's type. */
function published(field: FieldSpec): unknown {
  const type = metadataType(field);
  if (type.endsWith('[]')) {
    return {
      type: 'array',
      items: published(typeof field === 'object' && 'listOf' in field ? field.listOf : field),
    };
  }
  return ['string', 'number', 'boolean'].includes(type) ? { type } : { $ref: type };
}

const tables: [string, FieldTable][] = [
  ...Object.entries(RECORDS),
  ...Object.entries(PAGES).map(([name, item]): [string, FieldTable] => [name, pageFields(item)]),
];

describe('the chaincode model against the wire record shapes', () => {
  it('publishes exactly the records and pages of the wire table', () => {
    expect(Object.keys(schemas).sort()).toEqual(tables.map(([name]) => name).sort());
    expect(Object.keys(MODELS).sort()).toEqual(tables.map(([name]) => name).sort());
  });

  it.each(tables)('%s has exactly the fields of the table, each of its type', (name, fields) => {
    const expected = Object.fromEntries(
      Object.entries(fields).map(([key, field]) => [key, published(field)]),
    );
    expect(schemas[name]?.$id).toBe(name);
    expect(schemas[name]?.properties).toEqual(expected);
  });

  it('names each metadata class after its record', () => {
    for (const [name, model] of Object.entries(MODELS)) expect(model.name).toBe(name);
  });

  it('publishes vocabulary and nullable fields as strings, integers as numbers', () => {
    expect(metadataType(RECORDS.Card.state)).toBe('string');
    expect(metadataType(RECORDS.Card.replacedBy)).toBe('string');
    expect(metadataType(RECORDS.Unit.allowedPurposes)).toBe('string[]');
    expect(metadataType(RECORDS.PersonCards.cards)).toBe('PersonCardSummary[]');
    expect(metadataType(pageFields('Unit').pageSize)).toBe('number');
  });
});
