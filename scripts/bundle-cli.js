#!/usr/bin/env node
/**
 * Bundles the compiled CLI (build/lib/cli/main.js and everything it requires) into one file,
 * build/cli/mke4k.js, and writes a V8 code cache beside it (build/cli/mke4k.js.cache), so the
 * `mke4k` command reads and compiles one file instead of hundreds. Run by `npm run build` after tsc.
 *
 * - The bundle is made from the compiled JavaScript, not the sources: the code is the same as the
 *   unbundled build, module by module (esbuild keeps CommonJS modules as lazily evaluated wrappers, so
 *   commands still load cdk8s and the constructs only when they need them).
 * - `program.js` (runs users' cdk8s programs for export/diff) stays outside: it requires tsx and
 *   must load the same library copy as the program, so it is required from build/lib at run time.
 * - The code cache is produced by running representative commands in this process with the bundle
 *   loaded through `vm.Script`, then `script.createCachedData()` (it then holds the functions those
 *   runs compiled). V8 checks the cache against its version and flags and ignores a mismatch, so a
 *   stale cache costs nothing but the speed-up. The library build stays unbundled for users.
 */
'use strict';
const { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const outdir = join(root, 'build', 'cli');
const outfile = join(outdir, 'mke4k.js');

async function main() {
  const esbuild = require('esbuild');
  mkdirSync(outdir, { recursive: true });
  const external = {
    name: 'external-program-runner',
    setup(build) {
      // Keep program.js (and anything a user program loads) out of the bundle: required from build/lib.
      build.onResolve({ filter: /^\.\/program$/ }, (args) => ({
        path: './' + relative(outdir, join(args.resolveDir, 'program.js')).split('\\').join('/'),
        external: true,
      }));
    },
  };
  // Node's crypto and child_process modules cost ~3 ms of CPU each to load (child_process brings net,
  // dgram and the streams), and commander, cdk8s, constructs and our own modules require them at
  // load time although a run of --help, validate or synth of a small config calls neither, or only
  // once at the end. In the bundle they load on first use: `require` returns a stand-in whose
  // properties load the real module (functions as wrappers, so that copying one at load time, as
  // cdk8s's _child_process.js does, still defers the load). The stand-in marks itself `__esModule`
  // with the real module as `default`, so TypeScript's __importStar/__importDefault keep it as is.
  const lazyBuiltins = {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter: /^(node:)?(crypto|child_process)$/ }, (args) =>
        args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({ contents: lazyModuleSource(args.path), loader: 'js' }));
    },
  };
  await esbuild.build({
    entryPoints: [join(root, 'build', 'lib', 'cli', 'main.js')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Graphviz (WASM, ~1 MB) loads from node_modules only when `graph --format svg` runs.
    external: ['tsx', 'tsx/*', '@hpcc-js/wasm-graphviz'],
    plugins: [external, lazyBuiltins],
    // Whitespace and syntax minified, identifiers not: names stay as written without esbuild's
    // keepNames, which re-sets `name` on every function each time one is created (a closure made per
    // node or per host is then a defineProperty call: ~5 % of a 10,000-host synth).
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // All ASCII (esbuild escapes strings, not regular expression literals such as schema-common's
  // `µs`): bin/load-bundle.js then reads the file as a one-byte string without decoding UTF-8
  // (half the time of reading it). `\uXXXX` means the same code unit in a string, template,
  // regular expression (with or without the u flag) and identifier.
  const text = readFileSync(outfile, 'utf8');
  writeFileSync(outfile, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  await writeCodeCaches();
}

/** The stand-in for a Node built-in module that loads it on first use (see lazyBuiltins). */
function lazyModuleSource(name) {
  // The module's functions, as the Node that builds knows them; any other property loads the module.
  const mod = require(`node:${name}`);
  const functions = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
  return `'use strict';
let real;
const load = () => (real ??= require(${JSON.stringify('node:' + name)}));
const functions = new Set(${JSON.stringify(functions)});
const wrappers = new Map();
module.exports = new Proxy({}, {
  get(_, key) {
    if (key === '__esModule') return true;
    if (key === 'default') return load();
    if (real || !functions.has(key)) return load()[key];
    let wrapper = wrappers.get(key);
    if (!wrapper) {
      wrapper = function (...args) { return load()[key].apply(this, args); };
      wrappers.set(key, wrapper);
    }
    return wrapper;
  },
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor(_, key) {
    const d = Object.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});
`;
}

/**
 * The code caches and the runs that fill them. V8 deserializes a whole cache before anything runs,
 * so `--help` and `validate` get caches of their own, a quarter and three fifths of the general one
 * (bin/load-bundle.js `cacheFile` picks one by the command).
 */
const CACHES = {
  '': (input, dir) => [['--help'], ['validate', '-f', input], ['synth', '-f', input, '-o', join(dir, 'op')], ['synth', '-f', input, '-o', join(dir, 'k0'), '--delivery', 'k0rdent']],
  help: () => [['--help']],
  validate: (input) => [['validate', '-f', input]],
};

/** Writes each code cache in a process of its own: a cache holds what that process compiled. */
async function writeCodeCaches() {
  const { execFileSync } = require('node:child_process');
  const { cacheFile } = require(join(root, 'bin', 'load-bundle.js'));
  for (const name of Object.keys(CACHES)) execFileSync(process.execPath, [__filename, '--code-cache', name], { stdio: 'inherit' });
  const size = (f) => (readFileSync(f).length / 1024).toFixed(0);
  const caches = Object.keys(CACHES).map((name) => `${name || 'general'} ${size(cacheFile(outfile, name || undefined))} KB`);
  console.log(`wrote ${relative(root, outfile)} (${size(outfile)} KB) and its code caches (${caches.join(', ')})`);
}

/** Loads the bundle as bin/mke4k.js does, runs the cache's commands, and saves what V8 compiled. */
async function writeCodeCache(name) {
  const { loadBundle, cacheFile } = require(join(root, 'bin', 'load-bundle.js'));
  const loaded = loadBundle(outfile, { cache: false });
  const dir = mkdtempSync(join(tmpdir(), 'mke4k-cache-'));
  const sink = { write: () => true };
  const io = { stdout: sink, stderr: sink };
  try {
    const input = join(dir, 'mke4.yaml');
    const { generate } = require(join(root, 'bench', 'generate.js'));
    writeFileSync(input, generate(6));
    for (const args of CACHES[name](input, dir)) {
      const code = await loaded.exports.main(args, io);
      if (code !== 0) throw new Error(`warm-up run ${args.join(' ')} exited ${code}`);
    }
    writeFileSync(cacheFile(outfile, name || undefined), loaded.script.createCachedData());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cacheArg = process.argv.indexOf('--code-cache');
(cacheArg > 0 ? writeCodeCache(process.argv[cacheArg + 1]) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
