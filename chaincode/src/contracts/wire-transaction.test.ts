import { Contract } from 'fabric-contract-api';
import { WireTransaction } from './wire-transaction';

function decorate(name: string, method: (...args: string[]) => Promise<unknown>): void {
  const prototype = Contract.prototype as unknown as Record<string, unknown>;
  const descriptor = { value: method, writable: true, configurable: true };
  WireTransaction()(prototype, name, descriptor);
}

describe('WireTransaction', () => {
  it('refuses a method the wire table does not name', () => {
    expect(() => {
      decorate('IssueCards', async () => Promise.resolve());
    }).toThrow('IssueCards is not in TRANSACTIONS');
  });

  it('refuses a method whose argument count differs from the table', () => {
    expect(() => {
      decorate('GetCard', async (ctx: string) => Promise.resolve(ctx));
    }).toThrow('GetCard must take ctx and the 1 arguments of TRANSACTIONS');
  });
});
