import '../test-support/quiet-logs';
import { JSONSerializer } from 'fabric-contract-api';
import { cardSpec, presented } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

/** What the chaincode server sends back for a result declared with @Returns(type). */
function wire(result: unknown, type: string): unknown {
  const bytes = new JSONSerializer().toBuffer(result, { $ref: `#/components/schemas/${type}` });
  return JSON.parse(bytes.toString('utf8'));
}

describe("results through the shim's JSON serializer", () => {
  it('crosses to the client as the documented JSON, nulls and nested lists included', async () => {
    const h = new Harness();
    await h.registerUnit();
    const spec = cardSpec('a');
    const card = await h.issue(spec);
    expect(wire(card, 'Card')).toEqual(card);
    const batch = await h.run(callers.verifier(), (ctx) =>
      contracts.verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify([presented(spec, 'r1')])),
    );
    expect(wire(batch, 'VerificationBatch')).toEqual(batch);
    const page = await h.run(callers.officer(), (ctx) =>
      contracts.cards.GetCardHistory(ctx, spec.cardRef, '', ''),
    );
    expect(wire(page, 'CardHistoryPage')).toEqual(page);
    const person = await h.run(callers.officer(), (ctx) =>
      contracts.cards.GetPersonCards(ctx, spec.personRef),
    );
    expect(wire(person, 'PersonCards')).toEqual(person);
  });
});
