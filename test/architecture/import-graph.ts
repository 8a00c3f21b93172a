/**
 * The layer checker behind `test/architecture/layers.test.ts`. It reads the layer table of
 * `docs/architecture.md` (the only copy of the rules), collects every import of every `.ts` file
 * under `lib/` with the TypeScript parser — `import`, `import type`, `export … from`, `import x =
 * require()`, `require()`, `import()` and `typeof import()` types alike, since a type-only import
 * ties two files together just as much for a reader — and reports:
 *  - a file no row of the table covers;
 *  - an import from one module into another the table does not allow;
 *  - every import cycle between files (one report per strongly connected set, with a path through it);
 *  - a table that is inconsistent (unknown or duplicate module, allowed import that is not strictly
 *    lower, path that does not exist).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

export interface ModuleRule {
  readonly layer: number;
  readonly name: string;
  /** `lib/dir/` (everything below) or `lib/file.ts`. */
  readonly paths: readonly string[];
  readonly mayImport: readonly string[];
}

export interface ImportEdge {
  /** Repository-relative, `/`-separated. */
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

const BEGIN = '<!-- layers:begin -->';
const END = '<!-- layers:end -->';

/** The rows of the table between the layer markers; problems for anything it cannot read. */
export function parseLayerTable(markdown: string): { rules: ModuleRule[]; problems: string[] } {
  const problems: string[] = [];
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) return { rules: [], problems: [`no table between ${BEGIN} and ${END}`] };
  const rules: ModuleRule[] = [];
  const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  for (const line of markdown.slice(start + BEGIN.length, end).split('\n')) {
    const row = line.trim();
    if (!row.startsWith('|') || /^\|\s*-/.test(row) || /^\|\s*Layer\s*\|/i.test(row)) continue;
    const cells = row.slice(1, row.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim());
    if (cells.length !== 4) {
      problems.push(`table row has ${cells.length} cells, not 4: ${row}`);
      continue;
    }
    const [layerCell, nameCell, pathsCell, importsCell] = cells;
    const layer = Number(layerCell);
    const name = ticked(nameCell)[0];
    if (!Number.isInteger(layer) || layer < 0) problems.push(`layer "${layerCell}" is not a whole number: ${row}`);
    if (!name) {
      problems.push(`no \`module\` name: ${row}`);
      continue;
    }
    rules.push({ layer, name, paths: ticked(pathsCell), mayImport: ticked(importsCell) });
  }
  if (!rules.length) problems.push('the layer table has no rows');
  return { rules, problems: [...problems, ...tableProblems(rules)] };
}

function tableProblems(rules: readonly ModuleRule[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, ModuleRule>();
  const seenPaths = new Set<string>();
  for (const rule of rules) {
    if (byName.has(rule.name)) problems.push(`module ${rule.name} has two rows`);
    byName.set(rule.name, rule);
    if (!rule.paths.length) problems.push(`module ${rule.name} names no path`);
    for (const path of rule.paths) {
      if (!/^lib\/([\w.-]+\/)*([\w.-]+\.ts)?$/.test(path) || !(path.endsWith('/') || path.endsWith('.ts'))) problems.push(`module ${rule.name}: path ${path} is neither lib/<dir>/ nor lib/<file>.ts`);
      if (seenPaths.has(path)) problems.push(`path ${path} is in two rows`);
      seenPaths.add(path);
    }
  }
  for (const rule of rules) {
    for (const target of rule.mayImport) {
      const other = byName.get(target);
      if (!other) problems.push(`module ${rule.name} may import ${target}, which has no row`);
      else if (other.layer >= rule.layer) problems.push(`module ${rule.name} (layer ${rule.layer}) may import ${target} (layer ${other.layer}): only lower layers may be imported`);
    }
  }
  return problems;
}

/** The module specifiers a TypeScript file refers to, type-only ones included. */
export function importsOf(fileName: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: { specifier: string; typeOnly: boolean }[] = [];
  const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : undefined);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const specifier = literal(node.moduleSpecifier);
      const clause = node.importClause;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (specifier !== undefined) out.push({ specifier, typeOnly });
    } else if (ts.isExportDeclaration(node)) {
      const specifier = literal(node.moduleSpecifier);
      if (specifier !== undefined) out.push({ specifier, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const specifier = literal(node.moduleReference.expression);
      if (specifier !== undefined) out.push({ specifier, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const specifier = literal(node.argument.literal);
      if (specifier !== undefined) out.push({ specifier, typeOnly: true });
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const specifier = literal(node.arguments[0]);
      if (specifier !== undefined) out.push({ specifier, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Every `.ts` file below `dir`, repository-relative, sorted. */
function tsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts')) out.push(toPosix(relative(root, full)));
    }
  };
  if (existsSync(join(root, dir))) walk(join(root, dir));
  return out;
}

/** The module a file belongs to: the row with the longest matching path. */
export function moduleOf(file: string, rules: readonly ModuleRule[]): ModuleRule | undefined {
  let best: { rule: ModuleRule; length: number } | undefined;
  for (const rule of rules) {
    for (const path of rule.paths) {
      const hit = path.endsWith('/') ? file.startsWith(path) : file === path;
      if (hit && (!best || path.length > best.length)) best = { rule, length: path.length };
    }
  }
  return best?.rule;
}

/** Imports between files of `lib/` (package imports and files outside `lib/`, e.g. `imports/`, are left out). */
export function importGraph(root: string): { files: string[]; edges: ImportEdge[]; problems: string[] } {
  const files = tsFiles(root, 'lib');
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  const problems: string[] = [];
  for (const file of files) {
    for (const { specifier, typeOnly } of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const base = toPosix(relative(root, resolve(root, dirname(file), specifier)));
      if (!base.startsWith('lib/')) continue;
      const stem = base.replace(/\.(js|ts)$/, '');
      const target = [`${stem}.ts`, `${stem}.d.ts`, `${stem}/index.ts`].find((c) => known.has(c));
      if (target) edges.push({ from: file, to: target, typeOnly });
      else if (!existsSync(join(root, base))) problems.push(`${file} imports '${specifier}', which is no file of lib/`);
    }
  }
  return { files, edges, problems };
}

/** One report per set of files that import each other in a circle, with one path around it. */
export function importCycles(files: readonly string[], edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  // Tarjan's strongly connected components, iteratively (no recursion limit on long chains).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of files) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const w = targets[frame.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        const selfLoop = component.length === 1 && targets.includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.map((component) => cyclePath(component, next));
}

/** A shortest path from the component's first file back to itself, inside the component. */
function cyclePath(component: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[] {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const w of next.get(node) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, node);
        queue.push(w);
      }
    }
  }
  return [...component, start];
}

/** Everything that runs against the layers of `tableMarkdown` in the repository at `root`. */
export function checkArchitecture(root: string, tableMarkdown: string): string[] {
  const { rules, problems } = parseLayerTable(tableMarkdown);
  for (const rule of rules) for (const path of rule.paths) if (!existsSync(join(root, path))) problems.push(`module ${rule.name}: ${path} does not exist`);
  const graph = importGraph(root);
  problems.push(...graph.problems);
  for (const file of graph.files) if (!moduleOf(file, rules)) problems.push(`${file} is in no row of the layer table`);
  for (const edge of graph.edges) {
    const from = moduleOf(edge.from, rules);
    const to = moduleOf(edge.to, rules);
    if (!from || !to || from === to || from.mayImport.includes(to.name)) continue;
    const allowed = from.mayImport.length ? from.mayImport.join(', ') : 'nothing in lib/';
    problems.push(`${edge.from} imports ${edge.to}${edge.typeOnly ? ' (type only)' : ''}: ${from.name} may not import ${to.name} (it may import ${allowed})`);
  }
  for (const cycle of importCycles(graph.files, graph.edges)) problems.push(`import cycle: ${cycle.join(' → ')}`);
  return problems;
}
