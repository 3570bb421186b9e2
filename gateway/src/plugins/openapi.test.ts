import { buildApp } from '../app';
import { createCallerRegistry } from '../callers/caller-registry';
import { createPseudonymizer } from '../privacy/pseudonyms';
import { FakeLedger } from '../test-support/fake-ledger';

/** The servers of the document an app built with `publicUrl` serves, before and after it listens. */
async function serversOf(publicUrl?: string): Promise<{ before: unknown; after: unknown; address: string }> {
  const app = await buildApp({
    ledger: new FakeLedger(),
    callers: createCallerRegistry({ callers: [] }),
    pseudonyms: createPseudonymizer('k1', Buffer.alloc(32, 7)),
    ...(publicUrl === undefined ? {} : { publicUrl }),
  });
  try {
    const before = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ servers: unknown }>();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const after = (await (await fetch(`${address}/openapi.json`)).json()) as { servers: unknown };
    return { before: before.servers, after: after.servers, address };
  } finally {
    await app.close();
  }
}

describe('the OpenAPI document names where clients reach the gateway', () => {
  it('as the configured public URL, whether or not it listens yet', async () => {
    const { before, after } = await serversOf('https://idcard.example.cn');
    expect(before).toEqual([{ url: 'https://idcard.example.cn', description: 'This gateway' }]);
    expect(after).toEqual(before);
  });

  it('as the address it listens on, or the host that served it before it listens', async () => {
    const { before, after, address } = await serversOf();
    expect(before).toEqual([{ url: '/', description: 'The gateway that served this document' }]);
    expect(after).toEqual([{ url: address, description: 'This gateway' }]);
  });
});
