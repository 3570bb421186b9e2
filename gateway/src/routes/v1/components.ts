/**
 * The named shapes of the REST contract: each is registered once with the
 * app (`app.addSchema`, so validation and response serialisation resolve it)
 * and served as `#/components/schemas/<Name>`; routes use its `ref`, whose
 * type is the shape's. Request bodies stay inline in their operations (they
 * are each one operation's), named by their `title` for generated clients.
 */
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import {
  CardHistoryEntrySchema,
  CardSchema,
  CardStatusAtSchema,
  EidTokenSchema,
  FraudReportSchema,
  PageSchema,
  PersonCardsSchema,
  StatusNoticeSchema,
  TrailReadSchema,
  UnitSchema,
  VerificationRecordSchema,
} from '../../ledger/records';
import { CardReferencesAnswerSchema } from '../../privacy/card-references';
import { PROBLEM_BASE } from '../../problems';
import {
  AccountabilitySchema,
  AuditReplaySchema,
  ReceiptCheckSchema,
  UnitActivitySchema,
} from './audit-answers';
import { ReceiptSchema } from './receipts';

/** A schema published under a name, and the reference routes use in its place. */
export interface Component<T extends TSchema = TSchema> {
  /** The schema with `$id: name`, as registered with the app. */
  readonly schema: T & { readonly $id: string };
  /** `{ $ref: name }`, typed as the shape. */
  readonly ref: TUnsafe<Static<T>>;
}

function component<T extends TSchema>(name: string, schema: T): Component<T> {
  return { schema: { ...schema, $id: name }, ref: Type.Unsafe<Static<T>>(Type.Ref(name)) };
}

/** The answer of a committed write: its result, transaction id and block number. */
function committed<T extends TSchema>(result: Component<T>) {
  return Type.Object({ result: result.ref, txId: Type.String(), blockNumber: Type.Integer() });
}

/** A page of `item`s; an empty bookmark means there is no next page. */
function page<T extends TSchema>(item: Component<T>) {
  return PageSchema(item.ref);
}

/** One field-level error of a validation problem (never echoes the value). */
export const FieldError = component(
  'FieldError',
  Type.Object({
    path: Type.String({ description: 'Where: `body/...`, `querystring/...`, `params/...`, `headers/...`' }),
    message: Type.String(),
  }),
);
/** A problem document (RFC 9457), the body of every error answer. */
export const Problem = component(
  'Problem',
  Type.Object({
    type: Type.String({ description: `${PROBLEM_BASE}<kind>` }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(Type.Array(FieldError.ref)),
  }),
);

export const Card = component('Card', CardSchema);
/** A committed change of a card: the card after it. */
export const CardChange = component('CardChange', committed(Card));
export const CardHistoryEntry = component('CardHistoryEntry', CardHistoryEntrySchema);
export const CardHistoryPage = component('CardHistoryPage', page(CardHistoryEntry));
export const CardStatusAt = component('CardStatusAt', CardStatusAtSchema);
export const TrailRead = component('TrailRead', TrailReadSchema);
export const TrailReadPage = component('TrailReadPage', page(TrailRead));
export const StatusNotice = component('StatusNotice', StatusNoticeSchema);
export const StatusNoticePage = component('StatusNoticePage', page(StatusNotice));
/** The notices one announcement recorded. */
export const NoticeBatch = component('NoticeBatch', Type.Object({ notices: Type.Array(StatusNotice.ref) }));
/** A committed announcement of a card's change: the notices it recorded. */
export const Announcement = component('Announcement', committed(NoticeBatch));
export const PersonCard = component('PersonCard', PersonCardsSchema.properties.cards.items);
/** The cards of one person (citizen self-check). */
export const PersonCards = component(
  'PersonCards',
  Type.Object({ ...PersonCardsSchema.properties, cards: Type.Array(PersonCard.ref) }),
);

export const VerificationRecord = component('VerificationRecord', VerificationRecordSchema);
export const VerificationRecordPage = component('VerificationRecordPage', page(VerificationRecord));
export const Receipt = component('Receipt', ReceiptSchema);

/** A committed answer with its receipt (when the ledger gave the transaction's envelope). */
function committedWithReceipt<T extends TSchema>(result: Component<T>) {
  return Type.Object({ ...committed(result).properties, receipt: Type.Optional(Receipt.ref) });
}
/** The answer of a verification: its record, where it committed, and the receipt to keep. */
export const Verification = component('Verification', committedWithReceipt(VerificationRecord));
export const VerificationRecords = component(
  'VerificationRecords',
  Type.Object({ records: Type.Array(VerificationRecord.ref) }),
);
/** The answer of a batch verification: one record per item, in order. */
export const BatchVerification = component('BatchVerification', committedWithReceipt(VerificationRecords));

export const EidToken = component('EidToken', EidTokenSchema);
/** A committed token, and the token itself (shown once). */
export const IssuedEidToken = component(
  'IssuedEidToken',
  Type.Object({ ...committed(EidToken).properties, token: Type.String() }),
);

export const FraudReport = component('FraudReport', FraudReportSchema);
export const FiledFraudReport = component('FiledFraudReport', committed(FraudReport));
export const FraudReportPage = component('FraudReportPage', page(FraudReport));

export const Unit = component('Unit', UnitSchema);
/** A committed change of a unit's registry entry: the entry after it. */
export const UnitChange = component('UnitChange', committed(Unit));
export const UnitPage = component('UnitPage', page(Unit));
const issuedKeyFields = { callerId: Type.String(), keyId: Type.String(), apiKey: Type.String() };
/** An API key, shown once, and the caller it belongs to. */
export const IssuedApiKey = component('IssuedApiKey', Type.Object(issuedKeyFields));
/** A unit onboarded: its committed registry entry and its first API key (shown once). */
export const OnboardedUnit = component(
  'OnboardedUnit',
  Type.Object({ ...committed(Unit).properties, ...issuedKeyFields }),
);
export const Bootstrap = component(
  'Bootstrap',
  Type.Object({ guards: Type.Array(Type.String()), created: Type.Boolean() }),
);
/** The committed bootstrap: the guard keys, and whether this call created them. */
export const BootstrapChange = component('BootstrapChange', committed(Bootstrap));

/** The caller behind an API key. */
export const Caller = component(
  'Caller',
  Type.Object({
    callerId: Type.String(),
    role: Type.String(),
    unit: Type.Union([Type.String(), Type.Null()]),
    mspId: Type.Union([Type.String(), Type.Null()]),
    keyId: Type.Union([Type.String(), Type.Null()]),
  }),
);
export const UnitActivity = component('UnitActivity', UnitActivitySchema);
/** A report of units' verification volumes, results, denials and purposes over a time range. */
export const Accountability = component(
  'Accountability',
  Type.Object({ ...AccountabilitySchema.properties, units: Type.Array(UnitActivity.ref) }),
);
export const ReceiptCheck = component('ReceiptCheck', ReceiptCheckSchema);
export const AuditReplay = component('AuditReplay', AuditReplaySchema);
export const CardReferences = component('CardReferences', CardReferencesAnswerSchema);

/** Every component, registered with the app before the routes that refer to them. */
export const COMPONENTS: readonly Component[] = [
  FieldError,
  Problem,
  Card,
  CardChange,
  CardHistoryEntry,
  CardHistoryPage,
  CardStatusAt,
  TrailRead,
  TrailReadPage,
  StatusNotice,
  StatusNoticePage,
  NoticeBatch,
  Announcement,
  PersonCard,
  PersonCards,
  VerificationRecord,
  VerificationRecordPage,
  Receipt,
  Verification,
  VerificationRecords,
  BatchVerification,
  EidToken,
  IssuedEidToken,
  FraudReport,
  FiledFraudReport,
  FraudReportPage,
  Unit,
  UnitChange,
  UnitPage,
  IssuedApiKey,
  OnboardedUnit,
  Bootstrap,
  BootstrapChange,
  Caller,
  UnitActivity,
  Accountability,
  ReceiptCheck,
  AuditReplay,
  CardReferences,
];

/** Error answers every operation documents: a problem document. */
export const problemResponses = {
  '4xx': Type.Unsafe<Static<typeof Problem.schema>>({
    description: 'The request was refused: a problem document (RFC 9457)',
    content: { 'application/problem+json': { schema: Problem.ref } },
  }),
  '5xx': Type.Unsafe<Static<typeof Problem.schema>>({
    description: 'The gateway or the ledger failed: a problem document (RFC 9457)',
    content: { 'application/problem+json': { schema: Problem.ref } },
  }),
} as const;
