/**
 * The contract metadata exactly as the chaincode server publishes it:
 * fabric-shim's own (internal) ChaincodeFromContract builds it from the
 * decorators, so a misplaced or misnamed @Param shows up here.
 */
import { JSONSerializer } from 'fabric-contract-api';
import { canonicalJson } from '../ledger/json-marshal';

interface ChaincodeFromContractClass {
  new (
    contracts: unknown[],
    serializers: unknown,
    metadata: object,
    title: string,
    version: string,
  ): { readonly metadata: unknown };
}

/** The published metadata of the contracts, as stable pretty JSON (sorted keys, functions dropped). */
export function contractMetadata(contracts: readonly unknown[]): string {
  const internal = 'fabric-shim/lib/contract-spi/chaincodefromcontract';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- fabric-shim's metadata generator is internal and untyped
  const ChaincodeFromContract = require(internal) as ChaincodeFromContractClass;
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  const chaincode = new ChaincodeFromContract([...contracts], serializers, {}, 'idcard', '0.1.0');
  return `${JSON.stringify(JSON.parse(canonicalJson(chaincode.metadata)), null, 2)}\n`;
}
