/**
 * Starts network processes in the background with a log file and a pid file
 * each, and stops them again by pid. Only processes whose pid file this tool
 * wrote are ever signalled, and only while their command line still matches.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What to start. */
export interface ProcessSpec {
  readonly name: string;
  readonly program: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly logFile: string;
  readonly pidFile: string;
  /** Run it inside this network namespace (`ip netns exec`, which execs the program in place: same pid). */
  readonly netns?: string;
}

/** Contents of a pid file. */
export interface PidRecord {
  readonly name: string;
  readonly pid: number;
  readonly program: string;
  readonly startedAt: string;
}

/**
 * Starts a process detached from this one (its own process group), output
 * appended to its log file, and records its pid atomically.
 */
export function startProcess(spec: ProcessSpec): PidRecord {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  mkdirSync(dirname(spec.pidFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  try {
    const [program, args] =
      spec.netns === undefined
        ? [spec.program, spec.args]
        : ['ip', ['netns', 'exec', spec.netns, spec.program, ...spec.args]];
    const child = spawn(program, args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.name} (${spec.program})`);
    child.unref();
    const record: PidRecord = {
      name: spec.name,
      pid: child.pid,
      program: spec.program,
      startedAt: new Date().toISOString(),
    };
    writeFileSync(`${spec.pidFile}.tmp`, JSON.stringify(record));
    renameSync(`${spec.pidFile}.tmp`, spec.pidFile);
    return record;
  } finally {
    closeSync(fd);
  }
}

/** Reads a pid file, or undefined when there is none or it is unreadable. */
export function readPidFile(pidFile: string): PidRecord | undefined {
  try {
    return JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

/** True when the recorded process is alive and still runs the recorded program (not a recycled pid). */
export function isAlive(record: PidRecord): boolean {
  try {
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${record.pid}/stat`, 'utf8');
    // A zombie (state Z) has exited; it only waits for its parent to reap it.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && cmdline.split('\0').some((part) => basename(part) === basename(record.program));
  } catch {
    return false;
  }
}

/** Resident set size of a process in bytes, from /proc (undefined when it is gone). */
export function residentBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Stops the process of a pid file: SIGTERM, then SIGKILL after `graceMs`.
 * Removes the pid file. Returns false when nothing was running.
 */
export async function stopProcess(pidFile: string, graceMs = 10_000): Promise<boolean> {
  const record = readPidFile(pidFile);
  if (!record || !isAlive(record)) {
    rmSync(pidFile, { force: true });
    return false;
  }
  // Each process was started as its own process group leader: signal the group,
  // so children of a wrapper (a shell, npm) stop with it.
  signal(-record.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(record) && Date.now() < deadline) await sleep(100);
  if (isAlive(record)) signal(-record.pid, 'SIGKILL');
  while (isAlive(record)) await sleep(50);
  rmSync(pidFile, { force: true });
  return true;
}

/** Sends a signal to one process (used by fault tests too); ignores a process that is already gone. */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Pid files in a run folder, newest start last. */
export function listPidFiles(runDir: string): string[] {
  if (!existsSync(runDir)) return [];
  return readdirSync(runDir)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => join(runDir, f));
}
