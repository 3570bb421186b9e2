/**
 * The agencies' pseudonym endpoint (DESIGN §3): another organisation's
 * gateway (the relying parties', which holds no pseudonym key) sends the
 * cards presented to it and gets their references under this gateway's
 * current and earlier keys. Only `pseudonym-client` callers may ask; a
 * request costs its item count of the caller's work budget; ID numbers and
 * names come in POST bodies only and are never logged or answered back.
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { LIMITS } from '@idcard/common';
import { anyCallerOf } from '../../plugins/authentication';
import { chargeWork } from '../../plugins/rate-limit';
import { PSEUDONYMS_PATH, type CardHolder } from '../../privacy/card-references';
import { checkIdNumber, todayInChina } from '../../privacy/id-number';
import { checkPersonName } from '../../privacy/person-name';
import { ProblemError, type FieldError } from '../../problems';
import type { RouteContext } from './route-context';
import { CardReferences, problemResponses } from './components';
import { Body, CardDate, IdNumber, PersonName } from './schemas';

/** The pseudonym routes. */
export function pseudonymRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    PSEUDONYMS_PATH,
    {
      config: { roles: ['pseudonym-client'] },
      schema: {
        summary: "Card references under this agency gateway's keys (for a gateway without a pseudonym key)",
        description: 'Costs as many work units of the caller’s rate limit as it has items.',
        operationId: 'deriveCardReferences',
        tags: ['pseudonyms'],
        body: Body(
          {
            items: Type.Array(
              Body({ idNumber: IdNumber, name: PersonName, validFrom: CardDate }, { title: 'CardHolder' }),
              { minItems: 1, maxItems: LIMITS.maxBulkItems },
            ),
          },
          { title: 'CardHolders' },
        ),
        response: { 200: CardReferences.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = anyCallerOf(request);
      chargeWork(ctx.work, caller.id, request.body.items.length - 1, 'A reference request');
      const today = todayInChina(ctx.clock());
      const errors: FieldError[] = [];
      const holders: CardHolder[] = [];
      request.body.items.forEach((item, index) => {
        const id = checkIdNumber(item.idNumber, today);
        const name = checkPersonName(item.name);
        if (!id.ok) errors.push({ path: `body/items/${index}/idNumber`, message: `ID number ${id.reason}` });
        if (!name.ok) errors.push({ path: `body/items/${index}/name`, message: `Name ${name.reason}` });
        if (id.ok && name.ok)
          holders.push({ idNumber: id.idNumber, name: name.name, validFrom: item.validFrom });
      });
      if (errors.length > 0) throw new ProblemError('validation', 'Some items are not valid', { errors });
      const items = await ctx.references.references(holders);
      request.log.info({ callerId: caller.id, items: items.length }, 'card references derived');
      return { items: items.map((set) => ({ current: set.current, earlier: [...set.earlier] })) };
    },
  );
}
