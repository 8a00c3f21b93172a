'use strict';
/**
 * One benchmark case in a fresh process: load+validate, synth (construct tree + render), and the
 * floor: parsing the same input with positions and serializing the same output objects with `yaml`.
 * Prints one JSON line.
 */
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const { generate } = require('./generate');
const lib = require('../build/lib');
const { App } = require('cdk8s');
const yaml = require('yaml');

const [hosts, delivery] = [Number(process.argv[2]), process.argv[3]];
const text = generate(hosts);
const tLoad0 = performance.now();
const result = lib.loadMkeConfig(text, { file: 'bench.yaml' });
const tLoad1 = performance.now();
if (!result.config) {
  console.error(result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5));
  process.exit(1);
}
const app = new App();
const cluster = new lib.MkeCluster(app, 'c', { config: result.config, delivery });
const rendered = lib.renderAll(app);
const tSynth1 = performance.now();

// The floor: same input parsed with positions, same output objects serialized.
const objects = [cluster.k0sctlObject(), ...cluster.manifestObjects().flatMap((f) => f.objects)];
const tRaw0 = performance.now();
const lc = new yaml.LineCounter();
yaml.parseDocument(text, { lineCounter: lc }).toJS();
let bytes = 0;
for (const o of objects) bytes += yaml.stringify(o).length;
const tRaw1 = performance.now();

const outBytes = rendered[0].files.reduce((n, f) => n + f.content.length, 0);
console.log(
  JSON.stringify({
    hosts,
    delivery,
    requireMs: tLoad0 - t0,
    loadMs: tLoad1 - tLoad0,
    synthMs: tSynth1 - tLoad1,
    rawMs: tRaw1 - tRaw0,
    inputBytes: text.length,
    outputBytes: outBytes,
    rawBytes: bytes,
    files: rendered[0].files.length,
    rssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
