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

function loadBundle(bundleFile, options = {}) {
  let file = bundleFile;
  let cachedData;
  if (options.cache !== false) {
    try {
      cachedData = readFileSync(`${file}.cache`);
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

module.exports = { loadBundle };
