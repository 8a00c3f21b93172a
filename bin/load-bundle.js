'use strict';
/**
 * Loads the bundled CLI (build/cli/mke4k.js) like `require` would, but through `vm.Script` so that V8
 * can use the code cache written beside it at build time. A cache V8 rejects (another Node version)
 * is ignored: the bundle then compiles as usual.
 */
const { isAscii } = require('node:buffer');
const { readFileSync } = require('node:fs');
const { dirname } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

/** Commands with a code cache of their own (a smaller cache deserializes faster). */
const OWN_CACHE = new Set(['help', 'validate']);

/** The code cache beside the bundle for a command: its own when it has one, the general one otherwise. */
function cacheFile(bundleFile, command) {
  return OWN_CACHE.has(command) ? `${bundleFile}.${command}.cache` : `${bundleFile}.cache`;
}

/**
 * The command a CLI argument list runs, as far as the choice of code cache goes: `help` for none,
 * `--help`, `-h` or `help`, otherwise the first argument.
 */
function commandOf(argv) {
  const first = argv[0];
  return first === undefined || first === '--help' || first === '-h' || first === 'help' ? 'help' : first;
}

function loadBundle(bundleFile, options = {}) {
  let file = bundleFile;
  let cachedData;
  if (options.cache !== false) {
    try {
      cachedData = readFileSync(cacheFile(file, options.command));
    } catch {
      cachedData = undefined;
    }
  }
  file = require('node:path').resolve(file);
  // The build writes the bundle in ASCII: read as Latin-1 it needs no UTF-8 decoding (same string).
  const bytes = readFileSync(file);
  const text = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  const script = new vm.Script(Module.wrap(text), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return { exports: module.exports, script };
}

module.exports = { loadBundle, cacheFile, commandOf };
