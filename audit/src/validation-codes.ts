/** Names of Fabric transaction validation codes (peer.TxValidationCode). */
import { peer } from '@hyperledger/fabric-protos';

const NAMES = new Map<number, string>(
  Object.entries(peer.TxValidationCode).map(([name, code]) => [code, name]),
);

/** The name of a validation code, or `CODE_<n>` for one this version does not know. */
export function validationCodeName(code: number): string {
  return NAMES.get(code) ?? `CODE_${code}`;
}
