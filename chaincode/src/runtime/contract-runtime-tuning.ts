/**
 * Removes two per-call costs of the pinned contract runtime (fabric-shim
 * 2.5.8's contract SPI) without changing what it does; measured in
 * docs/performance.md (issue 15):
 *
 * 1. DataMarshall.handleParameters compiles an ajv validator for every
 *    parameter of every call (ajv keys its cache by a stable stringify of
 *    the parameter's schema with every component schema of the contract)
 *    and builds debug text (the JSON of that schema) even when debug logging
 *    is off. The replacement compiles a parameter's validator once, keyed by
 *    the parameter's metadata object, and otherwise converts, validates and
 *    fails exactly as the original (same calls, same messages); with debug
 *    logging on, and for anything unexpected, it calls the original.
 * 2. winston formats every message before its transport drops it by level,
 *    so the runtime's many debug calls cost as much as written ones. The
 *    runtime's loggers get no-op methods for the levels they do not log.
 */

/** The metadata of one transaction parameter, as the runtime passes it. */
interface ParameterMetadata {
  readonly schema: { readonly type?: unknown; readonly $ref?: unknown };
}

/** A compiled validator (ajv 6). */
interface Validator {
  (data: unknown): boolean;
  errors?: readonly { readonly message?: string }[] | null;
}

/** The DataMarshall members the replacement uses. */
interface DataMarshall {
  readonly ajv: { compile(schema: object): Validator };
  readonly components: unknown;
  fromWireBuffer(
    supplied: unknown,
    schema: object,
    loggerPrefix: string,
  ): { readonly value: unknown; readonly validateData: unknown };
}

type HandleParameters = (
  this: DataMarshall,
  fn: { readonly parameters?: readonly ParameterMetadata[] },
  parameters: readonly unknown[],
  loggerPrefix: string,
) => unknown[];

/** A winston logger as far as used here. */
interface LevelledLogger {
  readonly levels: Readonly<Record<string, number>>;
  isLevelEnabled(level: string): boolean;
  [method: string]: unknown;
}

/** The runtime's loggers (created when its modules load; see their getLogger calls). */
const SHIM_LOGGERS = [
  'lib/handler.js',
  'lib/stub.js',
  'lib/chaincode.js',
  'lib/iterators.js',
  'lib/server.js',
  'contracts-spi/chaincodefromcontract.js',
  'contracts-spi/datamarshall.js',
  'contracts-spi/bootstrap.js',
];
const CONTRACT_API_LOGGERS = ['./lib/contract.js', './lib/jsontransactionserializer.js'];

const TUNED = Symbol.for('idcard.contractRuntimeTuned');

interface CompiledParameter {
  readonly schema: object;
  readonly validator: Validator;
}

/** Gives a logger no-op methods for the levels it does not log (they are formatted and dropped otherwise). */
export function skipDisabledLevels(logger: LevelledLogger): void {
  for (const level of Object.keys(logger.levels)) {
    if (!logger.isLevelEnabled(level)) logger[level] = () => logger;
  }
}

/**
 * handleParameters with each parameter's validator compiled once; `original`
 * handles what this does not (no metadata, a wrong count, a schema without
 * type) and debug logging, so its messages stay the same.
 */
export function cachedHandleParameters(original: HandleParameters, debug: () => boolean): HandleParameters {
  const compiled = new WeakMap<DataMarshall, WeakMap<ParameterMetadata, CompiledParameter>>();
  const compile = (marshall: DataMarshall, expected: ParameterMetadata): CompiledParameter | undefined => {
    let byParameter = compiled.get(marshall);
    if (byParameter === undefined) {
      byParameter = new WeakMap();
      compiled.set(marshall, byParameter);
    }
    let entry = byParameter.get(expected);
    if (entry === undefined) {
      if (expected.schema.type === undefined && expected.schema.$ref === undefined) return undefined;
      const schema = { properties: { prop: expected.schema }, components: { schemas: marshall.components } };
      entry = { schema, validator: marshall.ajv.compile(schema) };
      byParameter.set(expected, entry);
    }
    return entry;
  };
  return function handleParameters(fn, parameters, loggerPrefix) {
    const expectedParams = fn.parameters;
    if (expectedParams === undefined || expectedParams.length !== parameters.length || debug())
      return original.call(this, fn, parameters, loggerPrefix);
    const entries = expectedParams.map((expected) => compile(this, expected));
    if (entries.includes(undefined)) return original.call(this, fn, parameters, loggerPrefix);
    return parameters.map((supplied, i) => {
      const entry = entries[i];
      if (entry === undefined) throw new Error('checked above');
      const { value, validateData } = this.fromWireBuffer(supplied, entry.schema, loggerPrefix);
      if (!entry.validator({ prop: validateData })) {
        const errors = JSON.stringify((entry.validator.errors ?? []).map((err) => err.message));
        throw new Error(`Unable to validate parameter due to ${errors}`);
      }
      return value;
    });
  };
}

/**
 * Applies both changes to the loaded runtime, once per process. Called by
 * the chaincode's door (the runtime gives a contract no earlier hook).
 */
export function tuneContractRuntime(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- the runtime's internal modules have no types */
  const shimLogger = require('fabric-shim/lib/logger') as { getLogger(name: string): LevelledLogger };
  const apiLogger = require('fabric-contract-api/lib/logger') as { getLogger(name: string): LevelledLogger };
  const marshall = require('fabric-shim/lib/contract-spi/datamarshall') as {
    prototype: { handleParameters: HandleParameters; [TUNED]?: true };
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const proto = marshall.prototype;
  if (proto[TUNED] === true) return;
  const marshallLogger = shimLogger.getLogger('contracts-spi/datamarshall.js');
  const debug = marshallLogger.isLevelEnabled('debug');
  proto.handleParameters = cachedHandleParameters(proto.handleParameters, () => debug);
  proto[TUNED] = true;
  for (const name of SHIM_LOGGERS) skipDisabledLevels(shimLogger.getLogger(name));
  for (const name of CONTRACT_API_LOGGERS) skipDisabledLevels(apiLogger.getLogger(name));
}
