/**
 * Text renderings of a `GraphModel`: Mermaid (renders in GitHub pull requests and Markdown) and
 * Graphviz DOT (the input of the SVG renderer). Deterministic: the same model gives the same text.
 */
import type { GraphGroup, GraphModel, GraphNode } from './model';

function childrenOf<T extends { readonly group?: string; readonly parent?: string }>(items: readonly T[], parent: string | undefined, key: 'group' | 'parent'): T[] {
  return items.filter((i) => i[key] === parent);
}

// Mermaid: labels in double quotes; `"` and `<`/`>` as entity codes (mermaid `#quot;`, `#lt;`, `#gt;`).
function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function mermaidNode(n: GraphNode): string {
  const label = `"${n.label.map(mermaidText).join('<br/>')}"`;
  switch (n.shape) {
    case 'round':
      return `${n.id}(${label})`;
    case 'cylinder':
      return `${n.id}[(${label})]`;
    case 'hexagon':
      return `${n.id}{{${label}}}`;
    default:
      return `${n.id}[${label}]`;
  }
}

export function toMermaid(model: GraphModel): string {
  const lines = ['---', `title: ${JSON.stringify(model.title)}`, '---', 'flowchart TB'];
  const emit = (parent: string | undefined, indent: string): void => {
    for (const n of childrenOf(model.nodes, parent, 'group')) lines.push(indent + mermaidNode(n));
    for (const g of childrenOf<GraphGroup>(model.groups, parent, 'parent')) {
      lines.push(`${indent}subgraph ${g.id}["${mermaidText(g.label)}"]`);
      emit(g.id, indent + '  ');
      lines.push(`${indent}end`);
    }
  };
  emit(undefined, '  ');
  for (const e of model.edges) {
    const arrow = e.dashed ? '-.->' : '-->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ''} ${e.to}`);
  }
  return lines.join('\n') + '\n';
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const DOT_SHAPES: Record<GraphNode['shape'], string> = {
  box: 'shape=box, style="rounded,filled", fillcolor="#eef3fb"',
  round: 'shape=ellipse, style=filled, fillcolor="#e8f5e9"',
  cylinder: 'shape=cylinder, style=filled, fillcolor="#fff8e1"',
  hexagon: 'shape=hexagon, style=filled, fillcolor="#fde7e9"',
};

export function toDot(model: GraphModel): string {
  const lines = [
    'digraph mke4k {',
    `  graph [label=${dotString(model.title)}, labelloc=t, fontname="Helvetica", fontsize=16, rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.6];`,
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
  ];
  const emit = (parent: string | undefined, indent: string): void => {
    for (const n of childrenOf(model.nodes, parent, 'group')) lines.push(`${indent}${n.id} [label=${dotString(n.label.join('\n'))}, ${DOT_SHAPES[n.shape]}];`);
    for (const g of childrenOf<GraphGroup>(model.groups, parent, 'parent')) {
      lines.push(`${indent}subgraph cluster_${g.id} {`);
      lines.push(`${indent}  label=${dotString(g.label)}; style="rounded"; color="#8899aa"; fontname="Helvetica"; fontsize=12;`);
      emit(g.id, indent + '  ');
      lines.push(`${indent}}`);
    }
  };
  emit(undefined, '  ');
  for (const e of model.edges) {
    const attrs = [...(e.label ? [`label=${dotString(e.label)}`] : []), ...(e.dashed ? ['style=dashed'] : [])];
    lines.push(`  ${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
