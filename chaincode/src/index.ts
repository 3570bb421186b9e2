/**
 * The door of the chaincode package: the contracts the chaincode server
 * (fabric-shim) loads from the package's main module.
 */
import { AdminContract } from './contracts/admin-contract';
import { CardsContract } from './contracts/cards-contract';
import { EidContract } from './contracts/eid-contract';
import { FraudContract } from './contracts/fraud-contract';
import { PrivacyContract } from './contracts/privacy-contract';
import { UnitsContract } from './contracts/units-contract';
import { VerificationContract } from './contracts/verification-contract';
import { tuneContractRuntime } from './runtime/contract-runtime-tuning';

// The runtime loads this module before it serves a call: the last moment to tune it (see the module).
tuneContractRuntime();

export {
  AdminContract,
  CardsContract,
  EidContract,
  FraudContract,
  PrivacyContract,
  UnitsContract,
  VerificationContract,
};
export { ChaincodeError } from './errors';

/** Every contract of chaincode `idcard`, `cards` first (the default contract). */
export const contracts = [
  CardsContract,
  VerificationContract,
  EidContract,
  FraudContract,
  UnitsContract,
  AdminContract,
  PrivacyContract,
];
