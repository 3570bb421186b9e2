/** Finds the Go toolchain and checks its version before anything is built. */
import { NetworkError, runCommand } from '@idcard/ca-client';

/** Parses `go1.26.8` / `1.26` into comparable numbers. */
export function parseGoVersion(text: string): [number, number, number] | undefined {
  const m = /(?:go)?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** True when version a is at least b. */
export function goVersionAtLeast(a: [number, number, number], b: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Returns the installed Go version (e.g. `go1.26.8`).
 * @throws NetworkError GO_MISSING when `go` is not on PATH; GO_TOO_OLD when older than `minimum`.
 */
export async function checkGo(minimum: string): Promise<string> {
  let version: string;
  try {
    const res = await runCommand('go', ['env', 'GOVERSION']);
    if (res.code !== 0) throw new Error(res.stderr);
    version = res.stdout.trim();
  } catch (err) {
    throw new NetworkError(
      'GO_MISSING',
      `the Go toolchain is needed to build the Fabric programs, but 'go' could not be run. Install Go ${minimum} or newer and put it on PATH.`,
      [],
      { cause: err },
    );
  }
  const have = parseGoVersion(version);
  const need = parseGoVersion(minimum);
  if (!have || !need || !goVersionAtLeast(have, need)) {
    throw new NetworkError(
      'GO_TOO_OLD',
      `Go ${minimum} or newer is needed to build the Fabric programs; found ${version || 'an unknown version'}.`,
    );
  }
  return version;
}
