/**
 * A small shell syntax tree for the RUN interpreter, converted from the tree-sitter bash tree.
 * Only the constructs the interpreter follows get their own node; anything else becomes an
 * `unsupported` node that names the construct, so the interpreter can report what it skipped.
 */

/** One piece of a word. Quoted pieces are neither split into fields nor globbed. */
export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'parameter'; name: string; quoted: boolean; operator?: string; argument?: Word; /** `${#NAME}`: the value's length. */ length?: true }
  | { kind: 'unknown'; text: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
  /** The word as written. */
  text: string;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `&>`, `>&`, `2>`... as written, with the descriptor number dropped. */
  operator: string;
  descriptor: number | null;
  target: Word | null;
  /** For a heredoc: its body and whether the delimiter was quoted (no expansion). */
  heredoc?: { body: Word; quoted: boolean };
}

export interface Assignment {
  name: string;
  value: Word | null;
}

/** The text and 1-based script lines of a redirected compound command, which the shells print when a redirect fails. */
export interface CompoundSource {
  text: string;
  /** The line the command starts on. */
  line: number;
  /** The line its last redirect ends on. */
  endLine: number;
}

export type ShellNode =
  | { kind: 'command'; assignments: Assignment[]; words: Word[]; redirects: Redirect[]; text: string; /** 1-based line in its script, which dash and bash print in errors. */ line?: number }
  | { kind: 'sequence'; items: ShellNode[] }
  | { kind: 'and-or'; operator: '&&' | '||'; left: ShellNode; right: ShellNode }
  | { kind: 'pipeline'; commands: ShellNode[] }
  | { kind: 'subshell'; body: ShellNode; redirects: Redirect[]; source?: CompoundSource }
  | { kind: 'group'; body: ShellNode; redirects: Redirect[]; source?: CompoundSource }
  | { kind: 'negated'; body: ShellNode }
  /** A command that ends in `&`, which the shell starts without waiting for it. */
  | { kind: 'background'; body: ShellNode; /** The command as written, without the `&`. */ text: string }
  | { kind: 'if'; clauses: Array<{ condition: ShellNode; body: ShellNode }>; otherwise: ShellNode | null; redirects: Redirect[]; source?: CompoundSource }
  | { kind: 'for'; variable: string; values: Word[] | null; body: ShellNode; redirects: Redirect[]; source?: CompoundSource }
  | { kind: 'unsupported'; construct: string; text: string };

/** Gives a node's redirects a place, whatever its kind (a command keeps them in its list). */
export function withRedirects(node: ShellNode, redirects: Redirect[]): ShellNode {
  if (redirects.length === 0) return node;
  switch (node.kind) {
    case 'command':
    case 'subshell':
    case 'group':
    case 'if':
    case 'for':
      return { ...node, redirects: [...node.redirects, ...redirects] };
    default:
      return { kind: 'group', body: node, redirects };
  }
}
