import { spawn } from 'node:child_process';
import { join } from 'node:path';

describe('the foreground up', () => {
  it('stays alive until SIGINT, then resolves (a pending signal wait alone would let Node exit)', async () => {
    // A child that only waits for the stop signal, as the foreground up does after printing its URL
    // (the compiled module: npm test builds before jest runs).
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(__dirname, '..', 'dist', 'up-command.js'))}).untilStopSignal().then((s) => { console.log('stopped by ' + s); });`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    const exited = new Promise<number | null>((r) => {
      child.on('exit', (code) => {
        r(code);
      });
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(child.exitCode).toBeNull(); // still running: nothing but the signal wait keeps it
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped by SIGINT');
  });
});
