// Validates core Kubernetes objects with kubernetes-models (ESM-only, so it runs as a plain node
// child process from the jest tests). Input: a JSON file with an array of objects. Output: a JSON
// array of {kind, name, error} on stdout, empty when all are valid. Unknown core kinds are errors.
import { readFileSync } from 'node:fs';

const KINDS = { v1: ['Namespace', 'Secret', 'ConfigMap', 'Service', 'ServiceAccount'] };

const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
for (const obj of objects) {
  const name = obj?.metadata?.name;
  if (!(KINDS[obj.apiVersion] ?? []).includes(obj.kind)) {
    problems.push({ kind: obj.kind, name, error: `no kubernetes-models validator for ${obj.apiVersion} ${obj.kind}` });
    continue;
  }
  try {
    const mod = await import(`kubernetes-models/${obj.apiVersion}/${obj.kind}`);
    new mod[obj.kind](obj).validate();
  } catch (e) {
    problems.push({ kind: obj.kind, name, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(problems));
