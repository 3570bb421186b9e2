/**
 * The @Object metadata classes of every record the chaincode returns, made
 * from @idcard/common's field tables (RECORDS and PAGES) by applying
 * fabric-contract-api's `Object()` and `Property(name, type)` decorators to
 * a class of the record's name. Importing this module registers all of
 * them, so contract metadata describes each whichever contract loads first.
 */
import { PAGES, RECORDS, pageFields, type FieldSpec, type FieldTable } from '@idcard/common';
import { Object as DataType, Property } from 'fabric-contract-api';

/**
 * The contract-metadata type of a field: vocabulary members and nullable
 * values are published as their base type, integers as numbers, lists as
 * `type[]`, nested records by name.
 */
export function metadataType(field: FieldSpec): string {
  if (typeof field === 'string') return field === 'integer' ? 'number' : field;
  if ('oneOf' in field) return 'string';
  if ('nullable' in field) return metadataType(field.nullable);
  if ('listOf' in field) return `${metadataType(field.listOf)}[]`;
  return field.record;
}

/** A class named `name` registered as an @Object with one @Property per field. */
function defineModel(name: string, fields: FieldTable): abstract new () => object {
  const model = { [name]: class {} }[name];
  if (model === undefined) throw new Error(`no class ${name}`);
  for (const [key, field] of Object.entries(fields)) Property(key, metadataType(field))(model.prototype, key);
  DataType()(model);
  return model;
}

/** The metadata class of every record and page, by name. */
export const MODELS: Readonly<Record<string, abstract new () => object>> = Object.fromEntries([
  ...Object.entries(RECORDS).map(([name, fields]) => [name, defineModel(name, fields)] as const),
  ...Object.entries(PAGES).map(([name, item]) => [name, defineModel(name, pageFields(item))] as const),
]);
