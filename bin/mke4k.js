#!/usr/bin/env node
'use strict';
// The bundled CLI with its code cache when the build made one; the plain compiled modules otherwise
// (MKE4K_NO_BUNDLE=1 forces them: same code, module by module).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'build', 'cli', 'mke4k.js');
const cli =
  !process.env.MKE4K_NO_BUNDLE && existsSync(bundle)
    ? require('./load-bundle.js').loadBundle(bundle).exports
    : require('../build/lib/cli/main.js');
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
