#!/usr/bin/env node
'use strict';
// The bundled CLI with its code cache when the build made one; the plain compiled modules otherwise
// (MKE4K_NO_BUNDLE=1 forces them: same code, module by module).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'build', 'cli', 'mke4k.js');
const argv = process.argv.slice(2);
const load = () => {
  const { loadBundle, commandOf } = require('./load-bundle.js');
  const command = commandOf(argv);
  // `graph --format svg` import()s the ESM-only @hpcc-js/wasm-graphviz; code loaded through a
  // vm.Script with a code cache cannot (Node 20: "A dynamic import callback was not specified"),
  // the bundle loaded by require can.
  if (command === 'graph') return require(bundle);
  return loadBundle(bundle, { command }).exports;
};
const cli = !process.env.MKE4K_NO_BUNDLE && existsSync(bundle) ? load() : require('../build/lib/cli/main.js');
// A reader that closes the pipe early (`mke4k schema | head`) is no error of ours: Node ignores
// SIGPIPE and reports EPIPE on the stream, which would end the process with a stack trace. The rest
// of the output is dropped and the command finishes (files it writes included) with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}
cli.main(argv).then((code) => {
  process.exitCode = code;
});
