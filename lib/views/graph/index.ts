/** `mke4k graph`: the picture of a cluster or a fleet, as Mermaid, Graphviz DOT or SVG. */
export { graphOf, safeId, MAX_HOSTS_PER_ROLE } from './model';
export type { GraphEdge, GraphGroup, GraphModel, GraphNode, NodeShape } from './model';
export { toDot, toMermaid } from './render';
export { dotToSvg, toSvg } from './svg';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];
