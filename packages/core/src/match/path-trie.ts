import type { PathSegment } from './path-parse.js';

/** A node of the compiled path trie. */
export interface PathNode {
  /** Children by exact property name. */
  readonly names: Map<string, PathNode>;
  /** The child for `*`. */
  star: PathNode | null;
  /** The child for `**`: it matches zero levels, and then stays active for every deeper level. */
  globstar: PathNode | null;
  /** True when this node is reached by `**` and so matches any number of further levels. */
  readonly deep: boolean;
  /** The source path when a path ends here. */
  terminal: string | null;
  /** True when an allow-list path ends here: the value is kept as it is. */
  allow: boolean;
}

/** A set of active trie nodes while walking; null means no path can match below this point. */
export type PathState = readonly PathNode[] | null;

function newNode(deep: boolean): PathNode {
  return { names: new Map(), star: null, globstar: null, deep, terminal: null, allow: false };
}

/** Builds a trie from parsed paths. */
export function buildPathTrie(paths: readonly { source: string; segments: readonly PathSegment[]; allow?: boolean }[]): PathNode | null {
  if (paths.length === 0) return null;
  const root = newNode(false);
  for (const { source, segments, allow } of paths) {
    let node = root;
    for (const seg of segments) {
      if (seg.kind === 'name') {
        let next = node.names.get(seg.name);
        if (!next) node.names.set(seg.name, (next = newNode(false)));
        node = next;
      } else if (seg.kind === 'star') node = node.star ??= newNode(false);
      else node = node.globstar ??= newNode(true);
    }
    node.terminal ??= source;
    if (allow) node.allow = true;
  }
  return root;
}

/** Adds `node` and what `**` reaches from it with zero levels. */
function addClosure(out: PathNode[], node: PathNode): void {
  if (!out.includes(node)) out.push(node);
  if (node.globstar) addClosure(out, node.globstar);
}

/** The initial state at the root of a value. */
export function rootState(root: PathNode | null): PathState {
  if (!root) return null;
  const out: PathNode[] = [];
  addClosure(out, root);
  return out;
}

/** Steps every active node over property `key`. Returns null when nothing stays active. */
export function stepState(state: PathState, key: string): PathState {
  if (state === null) return null;
  let out: PathNode[] | null = null;
  for (let i = 0; i < state.length; i++) {
    const node = state[i] as PathNode;
    const named = node.names.size === 0 ? undefined : node.names.get(key);
    if (named) addClosure((out ??= []), named);
    if (node.star) addClosure((out ??= []), node.star);
    if (node.deep) addClosure((out ??= []), node);
  }
  return out;
}

/** The terminal node reached by the state, if any; an allow-list terminal wins over a censoring one. */
export function terminalOf(state: PathState): PathNode | null {
  if (state === null) return null;
  let found: PathNode | null = null;
  for (let i = 0; i < state.length; i++) {
    const node = state[i] as PathNode;
    if (node.terminal !== null && (found === null || node.allow)) found = node;
  }
  return found;
}
