/**
 * fast-check arbitraries of cards as printed: a valid GB 11643 ID number, a
 * name, and a validity window that follows the law for the holder's age
 * (DESIGN §4), computed here independently of the code under test. Such a
 * card passes both the verification and the (stricter) issuance checks on
 * the test clock's date (2026-03-01).
 */
import fc from 'fast-check';
import { idNumberFor } from './id-numbers';
import { validObject, type JsonSchema } from './schema-arbitraries';

/** A card as typed in by an officer or a relying unit. */
export interface PrintedCard {
  readonly idNumber: string;
  readonly name: string;
  readonly kind: 'RESIDENT_CARD' | 'TEMPORARY_CERTIFICATE';
  readonly validFrom: string;
  readonly validUntil: string;
}

const two = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${String(y)}-${two(m)}-${two(d)}`;

/** A CJK character of the basic block. */
const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const givenName = fc.array(hanzi, { minLength: 2, maxLength: 4 }).map((cs) => cs.join(''));

/** A name of two to four characters, or two such parts joined by a middle dot (many minority names). */
export const personName: fc.Arbitrary<string> = fc
  .tuple(givenName, fc.option(givenName, { freq: 4 }))
  .map(([first, second]) => (second === null ? first : `${first}·${second}`));

/** The validUntil the law gives a resident card issued at this age (no 29 February: days stop at 28). */
function residentValidUntil(birth: readonly number[], from: readonly number[]): string {
  const [by = 0, bm = 0, bd = 0] = birth;
  const [fy = 0, fm = 0, fd = 0] = from;
  const age = fy - by - (fm * 100 + fd < bm * 100 + bd ? 1 : 0);
  if (age >= 46) return 'LONG_TERM';
  const years = age >= 26 ? 20 : age >= 16 ? 10 : 5;
  return ymd(fy + years, fm, fd);
}

/** A valid printed card: born 1940-2024, issued after the birth year and before 2026. */
export const printedCard: fc.Arbitrary<PrintedCard> = fc
  .record({
    area: fc.constantFrom('110101', '310104', '440305', '320102', '510107', '650102'),
    birth: fc.tuple(
      fc.integer({ min: 1940, max: 2024 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    ),
    issuedYearsLater: fc.integer({ min: 1, max: 85 }),
    issued: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })),
    sequence: fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
    temporaryDays: fc.option(fc.integer({ min: 1, max: 92 }), { freq: 4 }),
    lowerCaseX: fc.boolean(),
    name: personName,
  })
  .map((c) => {
    const [by, bm, bd] = c.birth;
    const from = [Math.min(by + c.issuedYearsLater, 2025), ...c.issued];
    const [fy = 0, fm = 0, fd = 0] = from;
    const idNumber = idNumberFor(c.area, ymd(by, bm, bd).replaceAll('-', ''), c.sequence);
    const validFrom = ymd(fy, fm, fd);
    const temporaryUntil =
      c.temporaryDays === null
        ? undefined
        : new Date(Date.UTC(fy, fm - 1, fd + c.temporaryDays)).toISOString().slice(0, 10);
    return {
      idNumber: c.lowerCaseX ? idNumber.toLowerCase() : idNumber,
      name: c.name,
      kind: temporaryUntil === undefined ? 'RESIDENT_CARD' : 'TEMPORARY_CERTIFICATE',
      validFrom,
      validUntil: temporaryUntil ?? residentValidUntil(c.birth, from),
    };
  });

/**
 * A schema refinement: any object schema with an idNumber gets the fields of
 * one printed card, so bodies built from a schema really pass the checks.
 */
export function withCards(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const properties = schema.properties;
  if (schema.type !== 'object' || properties?.idNumber === undefined) return undefined;
  return printedCard.chain((card) =>
    validObject(
      schema,
      withCards,
      Object.fromEntries(Object.entries(card).filter(([key]) => key in properties)),
    ),
  );
}
