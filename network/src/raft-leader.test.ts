import { isLeaderValue } from './raft-leader';

describe('Raft leader from orderer metrics', () => {
  const metrics = [
    '# HELP consensus_etcdraft_is_leader The leadership status of the current node.',
    'consensus_etcdraft_is_leader{channel="other"} 1',
    'consensus_etcdraft_is_leader{channel="idcards"} 0',
  ].join('\n');

  it("reads the channel's own line, not another channel's", () => {
    expect(isLeaderValue(metrics, 'idcards')).toBe(0);
    expect(isLeaderValue(metrics, 'other')).toBe(1);
    expect(isLeaderValue(metrics, 'absent')).toBeUndefined();
  });
});
