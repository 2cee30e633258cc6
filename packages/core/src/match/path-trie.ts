import type { PathSegment } from './path-parse.js';

/** A node of the path trie, as written in the policy. */
interface TrieNode {
  readonly names: Map<string, TrieNode>;
  star: TrieNode | null;
  globstar: TrieNode | null;
  /** Reached through `**`: matches any number of further levels. */
  readonly deep: boolean;
  terminal: string | null;
  allow: boolean;
}

/**
 * A state of the compiled path automaton: the set of trie nodes active at one point of a walk.
 * States are built lazily and memoised, so stepping over a key is one Set test and at most one Map
 * lookup, with no allocation on the hot path. The number of states is bounded by the policy.
 */
export interface PathState {
  /** The source path when a censoring path ends here (null when none, or when an allow path ends here). */
  readonly censor: string | null;
  /** True when an allow-list path ends here: the value is kept as it is. */
  readonly allow: boolean;
  /** Names that lead somewhere other than `other`, for visiting only them. */
  readonly nameList: readonly string[];
  /** Each name of `nameList` as JSON text followed by `:`, for the JSON writer. */
  readonly nameJson: readonly string[];
  /** The next state for each name of `nameList` (undefined until first used). */
  readonly nameNext: (PathState | null | undefined)[];
  /** True when no `*` or `**` is active: only the keys in `names` can lead anywhere. */
  readonly onlyNames: boolean;
  /** The index of each name in `nameList`, for states with many names (see `nameIndex`). */
  readonly nameIndexes: ReadonlyMap<string, number>;
  /** The next state for any key not in `names`. */
  other: PathState | null | undefined;
  /** @internal the trie nodes of this state */
  readonly nodes: readonly TrieNode[];
  /** @internal the automaton this state belongs to */
  readonly automaton: PathAutomaton;
}

/** The compiled paths: a lazily built automaton over the trie. */
export class PathAutomaton {
  private readonly states = new Map<string, PathState>();
  private readonly ids = new Map<TrieNode, number>();
  /** The state at the root of a value. */
  readonly root: PathState | null;

  constructor(paths: readonly { source: string; segments: readonly PathSegment[]; allow?: boolean }[]) {
    if (paths.length === 0) {
      this.root = null;
      return;
    }
    const trie = newNode(false);
    for (const { source, segments, allow } of paths) {
      let node = trie;
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
    this.root = this.state(closure([trie]));
  }

  /** The interned state for a set of nodes, or null for the empty set. */
  state(nodes: TrieNode[]): PathState | null {
    if (nodes.length === 0) return null;
    const key = nodes
      .map((n) => this.idOf(n))
      .sort((a, b) => a - b)
      .join(',');
    let s = this.states.get(key);
    if (s === undefined) {
      const names = new Set<string>();
      let censor: string | null = null;
      let allow = false;
      for (const n of nodes) {
        for (const name of n.names.keys()) names.add(name);
        if (n.terminal !== null) {
          if (n.allow) allow = true;
          else censor ??= n.terminal;
        }
      }
      const onlyNames = nodes.every((n) => n.star === null && !n.deep && n.globstar === null);
      const nameList = [...names];
      s = {
        censor: allow ? null : censor,
        allow,
        nameList,
        nameJson: nameList.map((name) => `${JSON.stringify(name)}:`),
        nameNext: nameList.map(() => undefined),
        onlyNames,
        nameIndexes: new Map(nameList.length > SCANNED_NAMES ? nameList.map((name, i) => [name, i]) : []),
        other: undefined,
        nodes,
        automaton: this,
      };
      this.states.set(key, s);
    }
    return s;
  }

  private idOf(node: TrieNode): number {
    let id = this.ids.get(node);
    if (id === undefined) this.ids.set(node, (id = this.ids.size));
    return id;
  }
}

function newNode(deep: boolean): TrieNode {
  return { names: new Map(), star: null, globstar: null, deep, terminal: null, allow: false };
}

/** Adds what `**` reaches with zero levels. */
function closure(nodes: TrieNode[]): TrieNode[] {
  const out: TrieNode[] = [];
  const add = (n: TrieNode) => {
    if (out.includes(n)) return;
    out.push(n);
    if (n.globstar) add(n.globstar);
  };
  nodes.forEach(add);
  return out;
}

function advance(state: PathState, key: string | null): PathState | null {
  const next: TrieNode[] = [];
  for (const node of state.nodes) {
    if (key !== null) {
      const named = node.names.get(key);
      if (named) next.push(named);
    }
    if (node.star) next.push(node.star);
    if (node.deep) next.push(node);
  }
  return state.automaton.state(closure(next));
}

/** Up to this many names, a state finds a name by comparing it with each (cheaper than two hash lookups). */
const SCANNED_NAMES = 8;

/** The index of `key` in `state.nameList`, or -1 when `key` is not one of its names. */
export function nameIndex(state: PathState, key: string): number {
  const list = state.nameList;
  if (list.length > SCANNED_NAMES) return state.nameIndexes.get(key) ?? -1;
  for (let i = 0; i < list.length; i++) if (list[i] === key) return i;
  return -1;
}

/** The next state over the name at `index` of `state.nameList`, or over any other key when `index` is -1. */
export function stepAt(state: PathState, index: number, key: string): PathState | null {
  if (index !== -1) {
    let next = state.nameNext[index];
    if (next === undefined) next = state.nameNext[index] = advance(state, key);
    return next;
  }
  let other = state.other;
  if (other === undefined) other = state.other = advance(state, null);
  return other;
}

/** Steps a state over one property name (array indexes as decimal strings). */
export function stepState(state: PathState, key: string): PathState | null {
  return stepAt(state, nameIndex(state, key), key);
}
