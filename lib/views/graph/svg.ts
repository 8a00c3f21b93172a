/**
 * SVG through Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`: the WASM is inlined in
 * the package, so it renders offline and needs no system `dot`). The package is ESM-only, so it is
 * loaded with a dynamic `import()`, and only when an SVG is asked for.
 */
import { toDot } from './render';
import type { GraphModel } from './model';

export async function dotToSvg(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}

export async function toSvg(model: GraphModel): Promise<string> {
  return dotToSvg(toDot(model));
}
