/** Runs `idcard audit …` in-process, capturing stdout, stderr and the exit status it sets. */
import { run } from '../cli';

/** The status the process would exit with (read in a function: the action set it behind TypeScript's back). */
function exitStatus(): number {
  const code = process.exitCode;
  return code === undefined ? 0 : Number(code);
}

/** `idcard audit <args>`: its exit status and output (process.exitCode is reset after). */
export async function idcardAudit(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await run(['node', 'idcard', 'audit', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const code = exitStatus();
  process.exitCode = undefined;
  return { code, stdout, stderr };
}
