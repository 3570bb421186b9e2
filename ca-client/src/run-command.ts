/** Runs a program to completion, capturing its output; the one place network code spawns short-lived commands. */
import { spawn } from 'node:child_process';

/** Result of a finished command. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of runCommand. */
export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each chunk of stderr, for progress output. */
  readonly onStderr?: (chunk: string) => void;
  readonly timeoutMs?: number;
}

/**
 * Runs `program args` and resolves with its exit code and output (it does not
 * reject on a non-zero exit; callers decide what a failure means).
 * @throws Error when the program cannot be started at all (ENOENT).
 */
export function runCommand(
  program: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer =
      opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      opts.onStderr?.(d);
    });
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The shape of runCommand: the narrow port through which code runs a program, so tests can see every argument vector it builds. */
export type CommandRunner = (
  program: string,
  args: readonly string[],
  opts?: RunOptions,
) => Promise<CommandResult>;

/**
 * Runs `command` until it exits 0 or `timeoutMs` pass, with backoff (250 ms
 * doubling to 2 s): for admin commands a node may briefly refuse right after
 * it starts, joins or restarts. Returns the last result.
 */
export async function untilSucceeds(
  command: () => Promise<CommandResult>,
  timeoutMs: number,
): Promise<CommandResult> {
  const deadline = Date.now() + timeoutMs;
  let delay = 250;
  for (;;) {
    const res = await command();
    if (res.code === 0 || Date.now() + delay > deadline) return res;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 2000);
  }
}
