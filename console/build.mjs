// The console's build: bundles src/main.tsx (Preact) with esbuild into
// dist/app.js and copies the page and its style sheet beside it. Run by
// `npm start` / `npm test` (tools/ensure-ready.js) after tsc.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(here, 'src', 'main.tsx')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  logLevel: 'warning',
  // The shared vocabulary from its TypeScript source (ES modules, so only what the pages use is bundled);
  // its Node-only file (atomic writes) is never reached, which the check below makes sure of.
  alias: { '@idcard/common': join(here, '..', 'common', 'src', 'index.ts') },
  external: ['node:*'],
  metafile: true,
});
const nodeImports = Object.values(result.metafile.outputs)
  .flatMap((o) => o.imports)
  .filter((i) => i.path.startsWith('node:'));
if (nodeImports.length > 0)
  throw new Error(`the console bundle imports Node modules: ${nodeImports.map((i) => i.path).join(', ')}`);
for (const file of ['index.html', 'console.css']) copyFileSync(join(here, 'src', file), join(out, file));
