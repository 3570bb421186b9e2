import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, readPidFile, residentBytes, startProcess, stopProcess } from './supervisor';

/** Pids of live (not zombie) processes in a process group, from /proc. */
function liveMembersOfGroup(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return fields[0] !== 'Z' && Number(fields[2]) === pgid ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
}

describe('supervisor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  const spec = (name: string, args: string[]) => ({
    name,
    program: '/bin/sleep',
    args,
    env: { PATH: '/usr/bin:/bin' },
    cwd: dir,
    logFile: join(dir, 'logs', `${name}.log`),
    pidFile: join(dir, 'run', `${name}.pid`),
  });

  it('starts a process in the background with a pid file and stops it by pid', async () => {
    const s = spec('sleeper', ['30']);
    const rec = startProcess(s);
    expect(readPidFile(s.pidFile)?.pid).toBe(rec.pid);
    expect(isAlive(rec)).toBe(true);
    expect(residentBytes(rec.pid)).toBeGreaterThan(0);
    expect(await stopProcess(s.pidFile)).toBe(true);
    expect(isAlive(rec)).toBe(false);
    expect(existsSync(s.pidFile)).toBe(false);
  });

  it('never signals a pid whose command line is another program (recycled pid)', async () => {
    const s = spec('other', ['30']);
    const rec = startProcess(s);
    const forged = { ...rec, program: '/usr/bin/not-sleep' };
    expect(isAlive(forged)).toBe(false);
    await stopProcess(s.pidFile);
    expect(isAlive(rec)).toBe(false);
  });

  it('reports nothing stopped for a missing pid file', async () => {
    expect(await stopProcess(join(dir, 'run', 'none.pid'))).toBe(false);
  });

  it('appends the output of the process to its log file', async () => {
    const s = { ...spec('echoer', []), program: '/bin/sh', args: ['-c', 'echo hello-log; sleep 30'] };
    startProcess(s);
    for (let i = 0; i < 50 && !readFileSync(s.logFile, 'utf8').includes('hello-log'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(readFileSync(s.logFile, 'utf8')).toContain('hello-log');
    const pgid = readPidFile(s.pidFile)!.pid;
    expect(await stopProcess(s.pidFile)).toBe(true);
    // The shell's child (sleep) is in the same process group and must be gone too.
    await new Promise((r) => setTimeout(r, 200));
    expect(liveMembersOfGroup(pgid)).toEqual([]);
  });
});
