// The benchmark's yardstick chaincode (deployed only by `idcard bench`):
// one blind write of one key per transaction through fabric-contract-api,
// the least a contract-api transaction can do. Plain JavaScript, so it runs
// from this folder without a build. Without decorators the contract API
// exposes every method as a transaction.
'use strict';

const { Contract } = require('fabric-contract-api');

class BenchContract extends Contract {
  constructor() {
    super('bench');
  }

  /** Writes `value` under `key` without reading anything first. */
  async Put(ctx, key, value) {
    await ctx.stub.putState(key, Buffer.from(value, 'utf8'));
  }
}

module.exports.contracts = [BenchContract];
