// Bundles the CLI into dist/ so that it starts nearly as fast as Node itself (see the
// Start-up section of DESIGN.md). Native addons stay outside it; code that only some
// commands need (the dashboard) is split into chunks loaded on demand.
//
// Two steps. esbuild splits the CLI into ES module chunks; then each chunk is written out
// as CommonJS (dist/package.json says so), because Node 20 loads a CommonJS file in about
// half the time of an ES module: its loader is synchronous, with no resolve, fetch and
// link phases per module. Only a chunk that needs ES modules stays one (.mjs): one with a
// top-level await (Ink and yoga's, the dashboard) and whatever imports it statically.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = fileURLToPath(new URL('../dist', import.meta.url));

rmSync(dist, { recursive: true, force: true });
const split = mkdtempSync(path.join(tmpdir(), 'finagg-build-'));
try {
  const { metafile } = await build({
    // The sync's worker threads (src/app/sync-worker) are their own entries, sharing the CLI's chunks.
    entryPoints: {
      cli: 'src/cli/main.ts',
      'sync-worker': 'src/app/sync-worker/worker-main.ts',
      'wal-checkpointer': 'src/app/sync-worker/checkpointer-main.ts',
    },
    outdir: split,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Ink imports react-devtools-core only when DEV=true, for React DevTools; not shipped.
    // better-sqlite3's JavaScript is bundled (a dozen CommonJS files less to load at every
    // start); its compiled addon is loaded by path (src/storage/sqlite.ts).
    external: ['@napi-rs/keyring', 'react-devtools-core'],
    define: {
      __FINAGG_VERSION__: JSON.stringify(pkg.version),
      'process.env.NODE_ENV': '"production"',
      // CommonJS has no import.meta: each output file defines this in its banner below.
      'import.meta.url': '__finaggModuleUrl',
    },
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  const outputs = Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => ({ file: path.resolve(file), imports: output.imports, exports: output.exports }));

  // The chunks that must stay ES modules: a top-level await, or a static import of one.
  const esm = new Set();
  for (const { file } of outputs) {
    const code = readFileSync(file, 'utf8');
    const probe = await transform(code, { format: 'cjs', logLevel: 'silent' }).catch((error) => error);
    if (probe instanceof Error) {
      if (!/Top-level await/.test(probe.message)) throw probe;
      esm.add(file);
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const { file, imports } of outputs) {
      if (esm.has(file)) continue;
      if (imports.some((i) => i.kind === 'import-statement' && esm.has(path.resolve(i.path)))) {
        esm.add(file);
        grew = true;
      }
    }
  }

  // Point every import of an ES module chunk at its .mjs name; a CommonJS file reaches one
  // only through import(), which the CommonJS step would turn into require(). An ES module
  // imports a CommonJS chunk through a small file that names its exports (written below):
  // Node finds a CommonJS module's names by scanning its source, and the chunks' sources
  // are what the CommonJS loader already read, scanned again (40 ms for the dashboard's).
  const named = new Map(); // CommonJS chunk -> its export names, for its small file
  const outputByFile = new Map(outputs.map((o) => [o.file, o]));
  for (const { file, imports } of outputs) {
    let code = readFileSync(file, 'utf8');
    const before = code;
    for (const { path: importPath, kind } of imports) {
      const target = path.resolve(importPath);
      if (!outputByFile.has(target)) continue; // a Node built-in or an external package
      const relative = `./${path.relative(path.dirname(file), target)}`;
      let from;
      let to;
      if (esm.has(target)) {
        const mjs = relative.replace(/\.js$/, '.mjs');
        [from, to] =
          kind === 'dynamic-import' && !esm.has(file)
            ? [`import("${relative}")`, `__finaggImportModule("${mjs}")`]
            : [`"${relative}"`, `"${mjs}"`];
      } else if (esm.has(file) && kind === 'import-statement') {
        const names = outputByFile.get(target).exports;
        // Listed as `{a,b}` below, which only plain identifiers can be.
        const odd = names.find((name) => name === 'default' || !/^[A-Za-z_$][\w$]*$/.test(name));
        if (odd !== undefined) throw new Error(`build: ${path.basename(target)} exports "${odd}" to an ES module`);
        named.set(target, names);
        [from, to] = [`"${relative}"`, `"${relative.replace(/\.js$/, '.names.js')}"`];
      } else continue;
      if (!code.includes(from)) throw new Error(`build: ${path.basename(file)} does not contain ${from}`);
      code = code.split(from).join(to);
    }
    if (code !== before) writeFileSync(file, code);
  }

  const common = {
    outdir: dist,
    outbase: split,
    bundle: false,
    platform: 'node',
    target: 'node20',
    // The code is minified already; names stay as they are (the first step kept them).
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    sourcemap: 'linked', // chains to the first step's maps, so they point into src/
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: outputs.map((o) => o.file).filter((file) => !esm.has(file)),
    format: 'cjs',
    supported: { 'dynamic-import': false }, // import() of a chunk becomes require()
    banner: {
      js: 'const __finaggModuleUrl=require("node:url").pathToFileURL(__filename).href,__finaggImportModule=(s)=>import(s);',
    },
  });
  await build({
    ...common,
    entryPoints: [...esm],
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    // CommonJS dependencies call require() for Node built-ins; give an ES module one.
    banner: {
      js: "import { createRequire as __finaggCreateRequire } from 'node:module'; const require = __finaggCreateRequire(import.meta.url), __finaggModuleUrl = import.meta.url;",
    },
  });
  writeFileSync(path.join(dist, 'package.json'), '{ "type": "commonjs" }\n');
  for (const [chunk, names] of named) {
    const base = path.basename(chunk, '.js');
    // Not `module.exports = require(...)`: Node would follow that and scan the chunk too.
    writeFileSync(
      path.join(dist, path.relative(split, path.dirname(chunk)), `${base}.names.js`),
      `// The names ${base}.js exports, for an ES module that imports it (scripts/build.mjs).\n` +
        `const chunk=require("./${base}.js");module.exports=chunk;0&&(module.exports={${names.join(',')}});\n`,
    );
  }
} finally {
  rmSync(split, { recursive: true, force: true });
}

// The local test servers (`npm run simplefin-server`, `npm run enablebanking-server`): dev
// tools, each bundled on its own so that nothing of them (nor their certificate library)
// reaches the CLI bundle.
for (const server of ['simplefin-server', 'enablebanking-server']) {
  await build({
    entryPoints: { [server]: `src/devtools/${server}/main.ts` },
    outdir: dist,
    outExtension: { '.js': '.mjs' }, // an ES module (top-level await) in the CommonJS dist/
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: {
      js: "import { createRequire as __finaggCreateRequire } from 'node:module'; const require = __finaggCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
