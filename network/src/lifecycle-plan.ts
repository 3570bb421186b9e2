/**
 * The decisions of the chaincode lifecycle, as pure functions of what the
 * peer CLI reported: which peers still need the package, whether the channel
 * already runs the wanted definition or needs the next sequence, and which
 * organisations still have to approve it.
 */
import { type CommandResult, NetworkError } from '@idcard/ca-client';

/** The parts of a chaincode definition this network varies. */
export interface ChaincodeDefinition {
  readonly sequence: number;
  readonly version: string;
}

/** What to deploy. */
export interface DeployTarget {
  readonly packageId: string;
  readonly version: string;
}

/** Decision on the definition to commit. */
export interface DefinitionPlan {
  /** True when the channel already runs the target: nothing to approve or commit. */
  readonly upToDate: boolean;
  /** The committed sequence when up to date, otherwise the sequence to approve and commit. */
  readonly sequence: number;
}

function parseJson(stdout: string, what: string): unknown {
  try {
    return JSON.parse(stdout) as unknown;
  } catch (err) {
    throw new NetworkError('PROCESS_FAILED', `unreadable ${what} output`, [stdout.slice(0, 200)], {
      cause: err,
    });
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Package ids in `queryinstalled --output json` output (`{}` when none).
 * @throws NetworkError PROCESS_FAILED on output that is not JSON.
 */
export function parseQueryInstalled(stdout: string): string[] {
  const parsed = parseJson(stdout, 'queryinstalled');
  const list = isRecord(parsed) ? parsed.installed_chaincodes : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) =>
    isRecord(c) && typeof c.package_id === 'string' ? [c.package_id] : [],
  );
}

/**
 * The committed definition from `querycommitted --name <cc> --output json`,
 * or undefined when the chaincode was never committed (the peer answers 404).
 * @throws NetworkError PROCESS_FAILED on any other failure.
 */
export function parseQueryCommitted(res: CommandResult): ChaincodeDefinition | undefined {
  if (res.code !== 0) {
    if (/status: 404|is not defined|not found/i.test(res.stderr + res.stdout)) return undefined;
    throw new NetworkError(
      'PROCESS_FAILED',
      'querycommitted failed',
      res.stderr.trim().split('\n').slice(-4),
    );
  }
  const parsed = parseJson(res.stdout, 'querycommitted');
  if (!isRecord(parsed) || typeof parsed.sequence !== 'number') return undefined;
  return { sequence: parsed.sequence, version: typeof parsed.version === 'string' ? parsed.version : '' };
}

/**
 * The package id of an approved definition (`queryapproved --output json`
 * nests it as source.Type.LocalPackage.package_id; searched by key so the
 * nesting may change).
 */
export function parseApprovedPackageId(stdout: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const v = stack.pop();
    if (!isRecord(v)) continue;
    if (typeof v.package_id === 'string' && v.package_id !== '') return v.package_id;
    stack.push(...Object.values(v));
  }
  return undefined;
}

/**
 * Approvals by MSP id from `checkcommitreadiness --output json`.
 * @throws NetworkError PROCESS_FAILED on output that is not JSON.
 */
export function parseCommitReadiness(stdout: string): Record<string, boolean> {
  const parsed = parseJson(stdout, 'checkcommitreadiness');
  const approvals = isRecord(parsed) ? parsed.approvals : undefined;
  if (!isRecord(approvals)) return {};
  return Object.fromEntries(Object.entries(approvals).map(([msp, v]) => [msp, v === true]));
}

/**
 * Decides the definition to commit. The channel is up to date when the
 * committed version is the target's and the committed package (when known)
 * is the target's; anything else is committed as the next sequence. For a
 * ccaas package the code is not in the package, so a new chaincode build is
 * announced by a new version.
 */
export function nextDefinition(
  target: DeployTarget,
  committed: ChaincodeDefinition | undefined,
  committedPackageId: string | undefined,
): DefinitionPlan {
  if (!committed) return { upToDate: false, sequence: 1 };
  const samePackage = committedPackageId === undefined || committedPackageId === target.packageId;
  if (samePackage && committed.version === target.version) {
    return { upToDate: true, sequence: committed.sequence };
  }
  return { upToDate: false, sequence: committed.sequence + 1 };
}

/** The MSP ids (in the given order) that have not approved yet. */
export function approvalsMissing(
  approvals: Readonly<Record<string, boolean>>,
  mspIds: readonly string[],
): string[] {
  return mspIds.filter((msp) => approvals[msp] !== true);
}

/** Peers (by name) that do not list the package id among their installed packages. */
export function peersMissingPackage(
  installed: ReadonlyMap<string, readonly string[]>,
  pkgId: string,
): string[] {
  return [...installed].filter(([, ids]) => !ids.includes(pkgId)).map(([peer]) => peer);
}
