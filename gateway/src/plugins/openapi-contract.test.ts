/**
 * The REST contract: the OpenAPI document the real app serves (over the
 * fake ledger ports) passes redocly's recommended rules, names every
 * operation once, and a typescript-fetch client generated from it by
 * openapi-generator (version pinned in openapitools.json, its jar fetched
 * from Maven Central into .cache/) reads naturally, compiles, and calls a
 * listening gateway with typed answers. Generated files live in .cache/
 * (ignored by git).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { idNumberFor, withWrongCheck } from '../test-support/id-numbers';
import { testGateway, type TestGateway } from '../test-support/test-gateway';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const CACHE = join(ROOT, '.cache', 'openapi-contract');
const DOCUMENT = join(CACHE, 'openapi.json');
const CLIENT = join(CACHE, 'client');
const TOOLS = join(ROOT, 'openapitools.json');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** No network calls of the tools beyond the generator's one jar download. */
const QUIET_TOOLS = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

interface Operation {
  readonly operationId?: string;
}
interface ServedDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}
interface LintProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: readonly { readonly pointer?: string }[];
}

/** Runs a Node program of the workspace; its exit code and what it printed, never a throw. */
async function node(args: readonly string[]): Promise<{ code: number; stdout: string; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...args], {
      cwd: ROOT,
      env: QUIET_TOOLS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, output: `${stdout}${stderr}` };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    const stdout = failed.stdout ?? '';
    return { code: failed.code ?? 1, stdout, output: `${stdout}${failed.stderr ?? ''}` };
  }
}

/** The generator version and jar folder that openapitools.json pins. */
function pinnedGenerator(): { version: string; jar: string } {
  const tools = JSON.parse(readFileSync(TOOLS, 'utf8')) as {
    'generator-cli': { version: string; storageDir: string };
  };
  const { version, storageDir } = tools['generator-cli'];
  return { version, jar: join(ROOT, storageDir, `${version}.jar`) };
}

/**
 * Generates the typescript-fetch client from the served document.
 * @throws Error naming Maven Central when the pinned jar is neither cached nor downloadable
 */
async function generateClient(): Promise<void> {
  rmSync(CLIENT, { recursive: true, force: true });
  const generated = await node([
    join(ROOT, 'node_modules/@openapitools/openapi-generator-cli/main.js'),
    'generate',
    '--openapitools',
    TOOLS,
    '-g',
    'typescript-fetch',
    '-i',
    DOCUMENT,
    '-o',
    CLIENT,
    '--additional-properties=supportsES6=true',
  ]);
  const { version, jar } = pinnedGenerator();
  if (!existsSync(jar)) {
    throw new Error(
      `openapi-generator ${version} (openapitools.json) is not in ${jar} and could not be fetched from ` +
        `Maven Central (the client cannot be generated without it):\n${generated.output}`,
    );
  }
  if (generated.code !== 0) throw new Error(`openapi-generator failed:\n${generated.output}`);
}

/**
 * A client developer's program against the generated client: typed calls
 * and typed answers (tsc refuses it when a name or a field type is off).
 */
const CLIENT_PROGRAM = `
import {
  CallersApi,
  Configuration,
  ProblemFromJSON,
  ResponseError,
  VerificationsApi,
  type Caller,
  type PresentedCard,
  type Problem,
  type Verification,
} from './client';

export interface Answers {
  readonly me: Caller;
  readonly verification: Verification;
  readonly problem: Problem;
}

/** Calls the gateway at basePath as a relying unit. */
export async function callGateway(basePath: string, apiKey: string, card: PresentedCard, wrongIdNumber: string): Promise<Answers> {
  const configuration = new Configuration({ basePath, accessToken: apiKey });
  const me: Caller = await new CallersApi(configuration).getMe();
  const verifications = new VerificationsApi(configuration);
  const verification: Verification = await verifications.verifyCard({ presentedCard: card });
  const reason: string | null = verification.result.reason;
  void reason;
  try {
    await verifications.verifyCard({ presentedCard: { ...card, idNumber: wrongIdNumber } });
  } catch (err) {
    if (!(err instanceof ResponseError)) throw err;
    const problem: Problem = ProblemFromJSON(await err.response.json());
    return { me, verification, problem };
  }
  throw new Error('a malformed ID number was answered 2xx');
}
`;

/**
 * Compiles the client and the program above (strict), and loads the program.
 * @throws Error with tsc's diagnostics
 */
async function compileClientProgram(): Promise<{
  callGateway: (
    basePath: string,
    apiKey: string,
    card: Record<string, string>,
    wrongIdNumber: string,
  ) => Promise<{
    me: { callerId: string; role: string; unit: string | null };
    verification: { result: { result: string; unitId: string; reason: string | null }; txId: string };
    problem: { type: string; status: number; errors?: { path: string; message: string }[] };
  }>;
}> {
  writeFileSync(join(CACHE, 'calls.ts'), CLIENT_PROGRAM);
  writeFileSync(
    join(CACHE, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        lib: ['ES2022', 'DOM'],
        strict: true,
        skipLibCheck: true,
        types: [],
        outDir: 'dist',
        rootDir: '.',
      },
      files: ['calls.ts'],
    }),
  );
  rmSync(join(CACHE, 'dist'), { recursive: true, force: true });
  const compiled = await node([
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(CACHE, 'tsconfig.json'),
  ]);
  if (compiled.code !== 0) throw new Error(`the generated client does not compile:\n${compiled.output}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program exists only once compiled
  return require(join(CACHE, 'dist', 'calls.js')) as Awaited<ReturnType<typeof compileClientProgram>>;
}

describe('the REST contract (OpenAPI document)', () => {
  let gw: TestGateway;
  let address: string;
  let document: ServedDocument;

  beforeAll(async () => {
    gw = await testGateway();
    address = await gw.app.listen({ host: '127.0.0.1', port: 0 });
    const served = await fetch(`${address}/openapi.json`);
    expect(served.status).toBe(200);
    const text = await served.text();
    document = JSON.parse(text) as ServedDocument;
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(DOCUMENT, text);
  });
  afterAll(async () => {
    await gw.app.close();
  });

  it("passes redocly's recommended rules with no error and no warning", async () => {
    const linted = await node([
      join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'),
      'lint',
      '--extends',
      'recommended',
      '--format',
      'json',
      DOCUMENT,
    ]);
    // The JSON report is on stdout (notices go to stderr); a failure to lint leaves none.
    const report = JSON.parse(linted.stdout) as { problems: LintProblem[] };
    const problems = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`,
    );
    expect(problems).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('names every operation once, by what it does', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ at: `${method.toUpperCase()} ${path}`, id: operation.operationId })),
    );
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter((o) => o.id === undefined).map((o) => o.at)).toEqual([]);
    const ids = operations.map((o) => o.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][A-Za-z]+$/.test(id ?? ''))).toEqual([]);
    expect(operations).toEqual(
      expect.arrayContaining([
        { at: 'POST /v1/verifications', id: 'verifyCard' },
        { at: 'POST /v1/verifications/batch', id: 'verifyCards' },
        { at: 'GET /v1/cards/{cardRef}', id: 'getCard' },
        { at: 'POST /v1/cards/{cardRef}/report-lost', id: 'reportCardLost' },
        { at: 'POST /v1/admin/units', id: 'registerUnit' },
      ]),
    );
  });

  it('generates a client that reads naturally, compiles and gets typed answers from the gateway', async () => {
    await generateClient();
    const api = readFileSync(join(CLIENT, 'apis', 'VerificationsApi.ts'), 'utf8');
    expect(api).toMatch(/async verifyCard\(/);
    expect(api).toMatch(/Promise<Verification>/);
    expect(existsSync(join(CLIENT, 'models', 'Verification.ts'))).toBe(true);
    const program = await compileClientProgram();
    const idNumber = idNumberFor('110101', '19900307', '123');
    const card = {
      idNumber,
      name: '张三',
      validFrom: '2020-05-01',
      validUntil: '2040-05-01',
      purpose: 'ACCOUNT_OPENING',
    };
    const answers = await program.callGateway(address, gw.keys.verifier, card, withWrongCheck(idNumber));
    expect(answers.me).toEqual({
      callerId: 'unit-bank-001',
      role: 'verifier',
      unit: 'BANK-001',
      mspId: 'RelyingPartyMSP',
      keyId: expect.any(String) as unknown,
    });
    expect(answers.verification.result).toMatchObject({ result: 'VALID', unitId: 'BANK-001' });
    expect(answers.verification.txId).toMatch(/^tx\d+$/);
    expect(answers.problem).toMatchObject({ type: 'urn:idcard:problem:validation', status: 400 });
    expect(answers.problem.errors?.map((e) => e.path)).toEqual(['body/idNumber']);
  }, 240_000);
});
