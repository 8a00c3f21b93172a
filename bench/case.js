'use strict';
/**
 * One benchmark case in a fresh process. Mode `ours`: load+validate the input, build the construct
 * tree and render the files; writes the output objects as JSON for the floor. Mode `raw` (the
 * floor): parse the same input with positions and serialize the same output objects with `yaml`
 * alone. Prints one JSON line with phase times and peak RSS.
 * Usage: node bench/case.js ours INPUT.yaml OBJECTS.json [delivery] | raw INPUT.yaml OBJECTS.json - [OUTDIR]
 */
const { performance } = require('node:perf_hooks');
const { readFileSync, writeFileSync } = require('node:fs');

const [mode, input, objectsFile, delivery] = process.argv.slice(2);
const t0 = performance.now();

if (mode === 'raw') {
  const yaml = require('yaml');
  const text = readFileSync(input, 'utf8');
  const objects = JSON.parse(readFileSync(objectsFile, 'utf8'));
  const t1 = performance.now();
  const lineCounter = new yaml.LineCounter();
  yaml.parseDocument(text, { lineCounter }).toJS();
  let bytes = 0;
  const out = process.argv[6];
  const texts = objects.map((o) => yaml.stringify(o));
  for (const t of texts) bytes += t.length;
  // Writes the same amount of output, one file per object, as a synth would.
  if (out) {
    require('node:fs').mkdirSync(out, { recursive: true });
    texts.forEach((t, i) => writeFileSync(require('node:path').join(out, `${i}.yaml`), t));
  }
  const t2 = performance.now();
  console.log(JSON.stringify({ requireMs: t1 - t0, workMs: t2 - t1, bytes, rssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const lib = require('../build/lib');
  const { App } = require('cdk8s');
  const text = readFileSync(input, 'utf8');
  const t1 = performance.now();
  const result = lib.loadMkeConfig(text, { file: input });
  const t2 = performance.now();
  if (!result.config) {
    console.error(JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5)));
    process.exit(1);
  }
  const app = new App();
  const cluster = new lib.MkeCluster(app, 'c', { config: result.config, delivery });
  const rendered = lib.renderAll(app);
  const t3 = performance.now();
  const objects = [cluster.k0sctlObject(), ...cluster.manifestObjects().flatMap((f) => f.objects)];
  writeFileSync(objectsFile, JSON.stringify(objects));
  const bytes = rendered[0].files.reduce((n, f) => n + f.content.length, 0);
  console.log(JSON.stringify({ requireMs: t1 - t0, loadMs: t2 - t1, synthMs: t3 - t2, bytes, files: rendered[0].files.length, rssMb: process.resourceUsage().maxRSS / 1024 }));
}
