/**
 * STYLE habit 3: every construct's `Props` interface documents every prop, and every optional prop
 * says its default (`@default`). Read with the TypeScript compiler API from the sources.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Finding {
  readonly where: string;
  readonly problem: string;
}

function check(file: string): { interfaces: number; findings: Finding[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const findings: Finding[] = [];
  let interfaces = 0;
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith('Props')) return;
    if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    interfaces++;
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.name) continue;
      const name = `${relative(ROOT, file)}: ${node.name.text}.${member.name.getText(source)}`;
      const docs = ts.getJSDocCommentsAndTags(member);
      if (docs.length === 0) findings.push({ where: name, problem: 'no JSDoc' });
      else if (member.questionToken && !ts.getJSDocTags(member).some((t) => t.tagName.text === 'default')) findings.push({ where: name, problem: 'optional without @default' });
    }
  });
  return { interfaces, findings };
}

test('every exported *Props interface documents each prop, with @default on optional ones', () => {
  const results = sources(join(ROOT, 'lib')).map(check);
  const interfaces = results.reduce((n, r) => n + r.interfaces, 0);
  expect(interfaces).toBeGreaterThan(20);
  expect(results.flatMap((r) => r.findings)).toEqual([]);
});
