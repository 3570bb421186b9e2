/**
 * Shapes of the chaincode's results as TypeBox schemas, built from
 * @idcard/common's field tables (RECORDS): each schema is the response
 * schema served in OpenAPI, and its type is common's record type.
 */
import {
  Type,
  type Static,
  type TArray,
  type TBoolean,
  type TInteger,
  type TLiteral,
  type TNull,
  type TObject,
  type TOptional,
  type TSchema,
  type TString,
  type TUnion,
} from '@sinclair/typebox';
import { RECORDS, type FieldSpec, type RecordName } from '@idcard/common';

/** A string schema restricted to the members of a vocabulary list. */
export function literalUnion<T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)));
}

type Fields<R extends RecordName> = (typeof RECORDS)[R];

/** The TypeBox schema type of a field of the wire table. */
type SchemaOf<F> = F extends 'string'
  ? TString
  : F extends 'boolean'
    ? TBoolean
    : F extends 'integer'
      ? TInteger
      : F extends { readonly oneOf: readonly (infer U extends string)[] }
        ? TUnion<TLiteral<U>[]>
        : F extends { readonly nullable: infer G }
          ? TUnion<[SchemaOf<G>, TNull]>
          : F extends { readonly listOf: infer G }
            ? TArray<SchemaOf<G>>
            : F extends { readonly record: infer R extends RecordName }
              ? TObject<PropertiesOf<R, never>>
              : never;

/** The property schemas of a record, `O` among them optional. */
type PropertiesOf<R extends RecordName, O extends keyof Fields<R>> = {
  -readonly [K in keyof Fields<R>]: K extends O ? TOptional<SchemaOf<Fields<R>[K]>> : SchemaOf<Fields<R>[K]>;
};

function fieldSchema(field: FieldSpec): TSchema {
  if (field === 'string') return Type.String();
  if (field === 'boolean') return Type.Boolean();
  if (field === 'integer') return Type.Integer();
  if ('oneOf' in field) return literalUnion(field.oneOf);
  if ('nullable' in field) return Type.Union([fieldSchema(field.nullable), Type.Null()]);
  if ('listOf' in field) return Type.Array(fieldSchema(field.listOf));
  return objectSchema(field.record as RecordName, []);
}

function objectSchema(name: RecordName, optional: readonly string[]): TObject {
  const fields: Readonly<Record<string, FieldSpec>> = RECORDS[name];
  const properties = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => {
      const schema = fieldSchema(field);
      return [key, optional.includes(key) ? Type.Optional(schema) : schema];
    }),
  );
  return Type.Object(properties);
}

/**
 * The response schema of a record of the wire table, its fields in table
 * order; `optional` names fields an answer may leave out.
 */
function recordSchema<R extends RecordName, O extends keyof Fields<R> & string = never>(
  name: R,
  optional: readonly O[] = [],
): TObject<PropertiesOf<R, O>> {
  return objectSchema(name, optional) as unknown as TObject<PropertiesOf<R, O>>;
}

/** A card as the chaincode returns it; the gateway's answers may leave replacedBy out (its schema always allowed that). */
export const CardSchema = recordSchema('Card', ['replacedBy']);
export type Card = Static<typeof CardSchema>;

/** The response schema of each other record. */
export const {
  CardStatusAtSchema,
  CardHistoryEntrySchema,
  PersonCardsSchema,
  VerificationRecordSchema,
  EidTokenSchema,
  FraudReportSchema,
  UnitSchema,
  StatusNoticeSchema,
  NoticeBatchSchema,
  TrailReadSchema,
} = {
  CardStatusAtSchema: recordSchema('CardStatusAt'),
  CardHistoryEntrySchema: recordSchema('CardHistoryEntry'),
  PersonCardsSchema: recordSchema('PersonCards'),
  VerificationRecordSchema: recordSchema('VerificationRecord'),
  EidTokenSchema: recordSchema('EidToken'),
  FraudReportSchema: recordSchema('FraudReport'),
  UnitSchema: recordSchema('Unit'),
  StatusNoticeSchema: recordSchema('StatusNotice'),
  NoticeBatchSchema: recordSchema('NoticeBatch'),
  TrailReadSchema: recordSchema('TrailRead'),
};

/** The type of each, as the schema describes it. */
export type CardStatusAt = Static<typeof CardStatusAtSchema>;
export type CardHistoryEntry = Static<typeof CardHistoryEntrySchema>;
export type PersonCards = Static<typeof PersonCardsSchema>;
export type VerificationRecord = Static<typeof VerificationRecordSchema>;
export type EidToken = Static<typeof EidTokenSchema>;
export type FraudReport = Static<typeof FraudReportSchema>;
export type Unit = Static<typeof UnitSchema>;
export type StatusNotice = Static<typeof StatusNoticeSchema>;
export type NoticeBatch = Static<typeof NoticeBatchSchema>;
export type TrailRead = Static<typeof TrailReadSchema>;

/** A page of query results; an empty bookmark means there is no next page. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), bookmark: Type.String(), pageSize: Type.Integer() });
}

/** A page of items of type T. */
export interface Page<T> {
  readonly items: T[];
  readonly bookmark: string;
  readonly pageSize: number;
}
