import { FakeStub, FakeWorld } from '../test-support/fake-stub';
import { StateStore } from './state-store';

describe('state store', () => {
  it('sets one event per transaction and refuses a second', () => {
    const stub = new FakeStub(new FakeWorld(), 'tx', '2026-01-01T00:00:00.000Z');
    const state = new StateStore(stub);
    state.emit('UnitChanged', { unitId: 'U-1' });
    expect(() => {
      state.emit('UnitChanged', { unitId: 'U-2' });
    }).toThrow(/one event/);
    expect(stub.events).toHaveLength(1);
  });

  it('reads its own writes only after commit, as Fabric does', async () => {
    const world = new FakeWorld();
    const stub = new FakeStub(world, 'tx', '2026-01-01T00:00:00.000Z');
    const state = new StateStore(stub);
    await state.write('k', { b: 1, a: 2 });
    expect(await state.read('k')).toBeUndefined();
    stub.commit();
    expect(Buffer.from(world.state.get('k') ?? []).toString()).toBe('{"a":2,"b":1}');
    expect(state.attributesOf(state.key('t', ['x', 'y']))).toEqual(['x', 'y']);
    expect(state.txTime).toBe('2026-01-01T00:00:00.000Z');
  });
});
