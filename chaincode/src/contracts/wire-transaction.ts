/**
 * The decorators of a transaction method, made from the wire table
 * (@idcard/common TRANSACTIONS): submit or evaluate, each argument's
 * published description, and the result schema. The method's name is the
 * transaction's name, so a method the table does not know, or one whose
 * argument count differs from it, fails when the contract class loads
 * (the metadata test checks names and order against the table).
 */
import { TRANSACTIONS, type TransactionName } from '@idcard/common';
import { Param, Returns, Transaction } from 'fabric-contract-api';

function isTransactionName(name: string | symbol): name is TransactionName {
  return typeof name === 'string' && Object.hasOwn(TRANSACTIONS, name);
}

/**
 * Declares the decorated method as the transaction of its name, as the wire table describes it.
 * @throws Error at class definition when the table has no such transaction or another argument count.
 */
export function WireTransaction(): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    if (!isTransactionName(propertyKey)) throw new Error(`${String(propertyKey)} is not in TRANSACTIONS`);
    const spec = TRANSACTIONS[propertyKey];
    const args = Object.entries(spec.args);
    const method: unknown = descriptor.value;
    if (typeof method !== 'function' || method.length !== args.length + 1) {
      throw new Error(
        `${propertyKey} must take ctx and the ${String(args.length)} arguments of TRANSACTIONS`,
      );
    }
    // Applied in the order stacked decorators would be: @Returns, the @Params last first, @Transaction.
    Returns(spec.returns)(target, propertyKey);
    for (const [name, arg] of args.reverse()) Param(name, 'string', arg.doc)(target, propertyKey);
    Transaction(spec.kind === 'submit')(target, propertyKey);
  };
}
