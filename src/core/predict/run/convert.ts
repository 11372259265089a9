/**
 * Converts a tree-sitter bash tree into the interpreter's syntax tree (`ast.ts`).
 *
 * tree-sitter-bash 0.25.1 hangs a redirect written after a list or a pipeline (`a && b > f`,
 * `a | b 2>/dev/null`) on the whole list, although the shell applies it to the last command
 * only. The conversion moves such redirects onto the rightmost command, as the shell does.
 *
 * The same grammar splits an unquoted word with a second `$NAME` and text after it (`/t$A$B.txt`,
 * `./$A/$B.c`) into sibling nodes: `/t$A$`, ending in a lone `$` token, and the word `B.txt`. The
 * conversion joins sibling nodes with no bytes between them into one word (`joinWord`).
 */
import type { Node } from 'web-tree-sitter';
import { withRedirects, type Assignment, type Redirect, type ShellNode, type Word, type WordPart } from './ast';
import type { ShellSyntaxError } from './syntaxCheck';

/** Converts the root of a parsed script. */
export function convertProgram(root: Node): ShellNode {
  return sequence(convertStatements(root.children));
}

const skippedTypes = new Set(['comment', 'heredoc_body', 'heredoc_start', 'heredoc_end', 'file_redirect', 'heredoc_redirect', 'herestring_redirect']);

function isStatementNode(node: Node | null): node is Node {
  return node !== null && node.isNamed && !skippedTypes.has(node.type);
}

/**
 * Converts the statements among `nodes`, the children of a program or a compound command. The
 * grammar puts the `&` that ends a statement after it as a sibling token, so a statement that
 * such a token follows becomes a `background` node.
 */
function convertStatements(nodes: ReadonlyArray<Node | null>): ShellNode[] {
  const statements: ShellNode[] = [];
  let previous: Node | null = null;
  for (const node of nodes) {
    if (node?.type === '&' && isStatementNode(previous)) statements.push({ kind: 'background', body: statements.pop() as ShellNode, text: previous.text });
    else if (isStatementNode(node)) statements.push(convertStatement(node));
    if (node?.type !== 'comment') previous = node;
  }
  return statements;
}

function sequence(items: ShellNode[]): ShellNode {
  return items.length === 1 ? items[0] : { kind: 'sequence', items };
}

function convertStatement(node: Node): ShellNode {
  switch (node.type) {
    case 'command':
      return convertCommand(node);
    case 'variable_assignment':
      return { kind: 'command', assignments: [convertAssignment(node)], words: [], redirects: [], text: node.text };
    case 'variable_assignments':
      return { kind: 'command', assignments: node.namedChildren.filter(isNode).map((child) => convertAssignment(child)), words: [], redirects: [], text: node.text };
    case 'declaration_command':
    case 'unset_command':
      return convertDeclaration(node);
    case 'test_command':
      return convertTest(node);
    case 'list':
      return convertList(node);
    case 'pipeline':
      return { kind: 'pipeline', commands: node.namedChildren.filter(isStatementNode).map(convertStatement) };
    case 'redirected_statement':
      return convertRedirected(node);
    case 'subshell':
      return { kind: 'subshell', body: sequence(convertStatements(node.children)), redirects: [] };
    case 'compound_statement':
    case 'do_group':
      return { kind: 'group', body: sequence(convertStatements(node.children)), redirects: [] };
    case 'negated_command':
      return { kind: 'negated', body: sequence(node.namedChildren.filter(isStatementNode).map(convertStatement)) };
    case 'if_statement':
      return convertIf(node);
    case 'for_statement':
      return convertFor(node);
    default:
      return { kind: 'unsupported', construct: describeConstruct(node.type), text: node.text };
  }
}

function isNode(node: Node | null): node is Node {
  return node !== null;
}

function describeConstruct(type: string): string {
  const names: Record<string, string> = {
    while_statement: 'a while loop', case_statement: 'a case statement', function_definition: 'a function definition',
    c_style_for_statement: 'a C-style for loop', ERROR: 'a part the parser could not read',
  };
  return names[type] ?? `a ${type.replace(/_/g, ' ')}`;
}

function convertCommand(node: Node): ShellNode {
  const assignments: Assignment[] = [];
  const words: Word[] = [];
  const redirects: Redirect[] = [];
  const children = node.namedChildren.filter(isNode).filter((child) => child.type !== 'comment').map(commandNameWord);
  for (const [child, ...rest] of touchingRuns(children)) {
    // A node that touches a variable assignment or a here-string continues its value (`X=a$A$B.c`).
    if (child.type === 'variable_assignment') assignments.push(convertAssignment(child, rest));
    else if (child.type === 'file_redirect' || child.type === 'herestring_redirect') {
      const converted = convertRedirect(child, rest);
      redirects.push(converted.redirect);
      words.push(...converted.words);
    } else {
      const word = joinWord([child, ...rest]);
      const assignment = words.length === 0 ? assignmentOf(word) : undefined;
      if (assignment) assignments.push(assignment);
      else words.push(word);
    }
  }
  return { kind: 'command', assignments, words, redirects, text: node.text, line: node.startPosition.row + 1 };
}

/**
 * Returns the assignment that a word before the command name makes (`NAME=value`). In `X=a$A$B.c
 * Y=1$A$B.c` tree-sitter-bash 0.25.1 takes `B.c` for the command name, so `Y=1$A$B.c` comes as
 * an argument, but the shell assigns Y because no command name comes before it.
 */
function assignmentOf(word: Word): Assignment | undefined {
  const [first, ...rest] = word.parts;
  if (first?.kind !== 'literal' || first.quoted) return undefined;
  const name = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text)?.[1];
  if (name === undefined) return undefined;
  const head = first.text.slice(name.length + 1);
  const parts: WordPart[] = head === '' ? rest : [{ ...first, text: head }, ...rest];
  return { name, value: { parts, text: word.text.slice(name.length + 1) } };
}

/** Returns the word node inside a `command_name`, which contains the command's first word. */
function commandNameWord(node: Node): Node {
  return node.type === 'command_name' ? (node.namedChildren[0] ?? node) : node;
}

/** Converts an assignment, whose value goes on in `rest`, the nodes that the parser split off it. */
function convertAssignment(node: Node, rest: Node[] = []): Assignment {
  const name = node.childForFieldName('name')?.text ?? '';
  const value = node.childForFieldName('value');
  const valueNodes = [...(value ? [value] : []), ...rest];
  return { name, value: valueNodes.length > 0 ? joinWord(valueNodes) : null };
}

/**
 * Groups nodes into runs with no bytes between one node's end and the next one's start. Each run
 * is one shell word (or a redirect or an assignment and the rest of its word) that
 * tree-sitter-bash 0.25.1 split, such as `/t$A$` and `B.txt` for `/t$A$B.txt`.
 */
function touchingRuns(nodes: Node[]): Node[][] {
  const runs: Node[][] = [];
  for (const node of nodes) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (previous && previous.endIndex === node.startIndex && node.type !== 'variable_assignment' && !node.type.endsWith('_redirect')) run.push(node);
    else runs.push([node]);
  }
  return runs;
}

/** Converts the nodes of one shell word, which the parser may have split into touching nodes. */
function joinWord(nodes: Node[]): Word {
  let parts: WordPart[] = [];
  for (const node of nodes) parts = joinParts(parts, wordParts(node, false));
  return { parts, text: nodes.map((node) => node.text).join('') };
}

/** The names a `$` expands when a word's characters follow it unquoted: a variable's, a positional parameter's or a special parameter's. */
const parameterName = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/;

/**
 * Joins the parts of two touching nodes. Where the left one ends in an unquoted `$` and the right
 * one starts with a name, the two make the parameter expansion the shell reads (`$` + `B.txt`).
 */
function joinParts(left: WordPart[], right: WordPart[]): WordPart[] {
  const last = left[left.length - 1];
  const [first, ...after] = right;
  if (last?.kind !== 'literal' || last.quoted || !last.text.endsWith('$') || first?.kind !== 'literal' || first.quoted) return [...left, ...right];
  const name = parameterName.exec(first.text)?.[0];
  if (name === undefined) return [...left, ...right];
  const joined: WordPart[] = [...left.slice(0, -1)];
  if (last.text.length > 1) joined.push({ ...last, text: last.text.slice(0, -1) });
  joined.push({ kind: 'parameter', name, quoted: false });
  if (first.text.length > name.length) joined.push({ ...first, text: first.text.slice(name.length) });
  return [...joined, ...after];
}

/** `export A=1 B`, `readonly`, `local`, `unset X`: a command whose words keep the assignments. */
function convertDeclaration(node: Node): ShellNode {
  const keyword = node.children[0]?.text ?? '';
  const words: Word[] = [{ parts: [{ kind: 'literal', text: keyword, quoted: false }], text: keyword }];
  const assignments: Assignment[] = [];
  for (const [child, ...rest] of touchingRuns(node.namedChildren.filter(isNode))) {
    if (child.type === 'variable_assignment') assignments.push(convertAssignment(child, rest));
    else words.push(joinWord([child, ...rest]));
  }
  // The assignments of `export A=1` persist in the shell, unlike `A=1 cmd`, so they travel as
  // a separate command that runs first.
  const line = node.startPosition.row + 1;
  const declaration: ShellNode = { kind: 'command', assignments: [], words, redirects: [], text: node.text, line };
  if (assignments.length === 0) return declaration;
  const assign: ShellNode = { kind: 'command', assignments, words: [], redirects: [], text: node.text, line };
  return { kind: 'sequence', items: [assign, declaration] };
}

/** `[ -e /x ]` and `[[ ... ]]`: a `test` command whose words are the expression's leaves. */
function convertTest(node: Node): ShellNode {
  const words: Word[] = [literalWord('test')];
  const collect = (current: Node) => {
    for (const child of current.children.filter(isNode)) {
      if (child.type === '[' || child.type === ']' || child.type === '[[' || child.type === ']]') continue;
      if (['unary_expression', 'binary_expression', 'parenthesized_expression'].includes(child.type)) collect(child);
      else if (child.type === 'test_operator' || !child.isNamed) words.push(literalWord(child.text));
      else words.push(convertWord(child));
    }
  };
  collect(node);
  return { kind: 'command', assignments: [], words, redirects: [], text: node.text };
}

function literalWord(text: string): Word {
  return { parts: [{ kind: 'literal', text, quoted: true }], text };
}

function convertList(node: Node): ShellNode {
  const children = node.children.filter(isNode);
  const operatorNode = children.find((child) => child.type === '&&' || child.type === '||');
  const statements = children.filter(isStatementNode);
  if (!operatorNode || statements.length !== 2) return sequence(statements.map(convertStatement));
  return { kind: 'and-or', operator: operatorNode.type as '&&' | '||', left: convertStatement(statements[0]), right: convertStatement(statements[1]) };
}

/** Splits an `if` or `elif` node at its `then` into condition and body statements. */
function splitAtThen(node: Node): { condition: ShellNode; body: ShellNode } {
  const children = node.children.filter(isNode);
  const then = children.findIndex((child) => child.type === 'then');
  const clauseStart = children.findIndex((child) => child.type === 'elif_clause' || child.type === 'else_clause');
  const end = clauseStart < 0 ? children.length : clauseStart;
  const condition = children.slice(0, then < 0 ? end : then);
  const body = then < 0 ? [] : children.slice(then + 1, end);
  return { condition: sequence(convertStatements(condition)), body: sequence(convertStatements(body)) };
}

function convertIf(node: Node): ShellNode {
  const clauses = [splitAtThen(node)];
  let otherwise: ShellNode | null = null;
  for (const child of node.namedChildren.filter(isNode)) {
    if (child.type === 'elif_clause') clauses.push(splitAtThen(child));
    if (child.type === 'else_clause') otherwise = sequence(convertStatements(child.children));
  }
  return { kind: 'if', clauses, otherwise, redirects: [] };
}

/** `for NAME in WORDS; do ...; done`; without `in`, the loop runs over the positional parameters. */
function convertFor(node: Node): ShellNode {
  const variable = node.childForFieldName('variable')?.text ?? '';
  const hasIn = node.children.some((child) => child?.type === 'in');
  const values = hasIn ? touchingRuns(node.childrenForFieldName('value')).map(joinWord) : null;
  const bodyNode = node.childForFieldName('body');
  const body: ShellNode = bodyNode ? convertStatement(bodyNode) : { kind: 'sequence', items: [] };
  return { kind: 'for', variable, values, body, redirects: [] };
}

function convertRedirected(node: Node): ShellNode {
  const body = node.childForFieldName('body');
  const redirects: Redirect[] = [];
  const words: Word[] = [];
  let firstWord: Node | undefined;
  let after: ((converted: ShellNode) => ShellNode) | undefined;
  const add = (converted: ConvertedRedirect) => {
    redirects.push(converted.redirect);
    words.push(...converted.words);
    firstWord ??= converted.firstWord;
  };
  for (const redirect of node.childrenForFieldName('redirect')) {
    add(convertRedirect(redirect));
    if (redirect.type !== 'heredoc_redirect') continue;
    for (const nested of redirect.childrenForFieldName('redirect')) add(convertRedirect(nested));
    after = heredocContinuation(redirect) ?? after;
  }
  for (const extra of node.namedChildren.filter((child): child is Node => child?.type === 'herestring_redirect')) redirects.push(convertRedirect(extra).redirect);
  if (!body) return { kind: 'command', assignments: [], words, redirects, text: node.text };
  const converted = withSource(attachToLast(convertStatement(body), { redirects, words, firstWord }), node);
  return after ? after(converted) : converted;
}

/**
 * tree-sitter-bash puts what follows a heredoc's first line (`cat <<EOF | sh`, `cat <<EOF > f &&
 * echo done`) inside the heredoc node; this rebuilds the pipeline or the list around the command.
 */
function heredocContinuation(redirect: Node): ((converted: ShellNode) => ShellNode) | undefined {
  const pipeline = redirect.namedChildren.find((child): child is Node => child?.type === 'pipeline');
  if (pipeline) {
    const rest = pipeline.namedChildren.filter(isStatementNode).map(convertStatement);
    return (converted) => ({ kind: 'pipeline', commands: [converted, ...rest] });
  }
  const operator = redirect.childForFieldName('operator');
  const right = redirect.childForFieldName('right');
  if (!operator || !right) return undefined;
  return (converted) => ({ kind: 'and-or', operator: operator.type as '&&' | '||', left: converted, right: convertStatement(right) });
}

/** Redirects and the words written after their targets, which a redirected statement adds to its rightmost command. */
interface Trailing {
  redirects: Redirect[];
  words: Word[];
  /** The node of the first word, for the syntax error of words after a compound command. */
  firstWord?: Node;
}

/**
 * Applies redirects and their trailing words to the rightmost command of a list or pipeline, and
 * to anything else whole. Words after the redirect of a compound command are a syntax error.
 */
function attachToLast(node: ShellNode, trailing: Trailing): ShellNode {
  if (trailing.redirects.length === 0 && trailing.words.length === 0) return node;
  if (node.kind === 'and-or') return { ...node, right: attachToLast(node.right, trailing) };
  if (node.kind === 'pipeline') {
    const commands = [...node.commands];
    commands[commands.length - 1] = attachToLast(commands[commands.length - 1], trailing);
    return { ...node, commands };
  }
  if (node.kind === 'command') return { ...node, words: [...node.words, ...trailing.words], redirects: [...node.redirects, ...trailing.redirects] };
  if (trailing.firstWord) throw wordAfterCompound(trailing.firstWord);
  return withRedirects(node, trailing.redirects);
}

/** A syntax error of a script that tree-sitter-bash 0.25.1 accepts, found while converting it. */
export class ConvertedSyntaxError extends Error {
  constructor(readonly syntaxError: ShellSyntaxError) {
    super(syntaxError.description);
  }
}

/**
 * Returns the syntax error of a word after a compound command's redirect (`{ a; } >f b`). dash
 * 0.5.12, bash 5.2 and BusyBox 1.35 sh reject it while they parse its line, before any command of
 * that line runs, and exit with status 2. Only the lines above it in the script run first.
 */
function wordAfterCompound(word: Node): ConvertedSyntaxError {
  // A word written with quotes is shown as written, without more quotes around it.
  const quotedWord = /["']/.test(word.text) ? word.text : `"${word.text}"`;
  const description = `a compound command takes no arguments, so the word ${quotedWord} after its redirect is unexpected`;
  return new ConvertedSyntaxError({ line: word.startPosition.row + 1, description, unexpectedWord: word.text });
}

/**
 * Gives a redirected compound command its text and lines, which the shells print when a redirect
 * fails: dash the line the command starts on, bash the line of its last redirect.
 */
function withSource(node: ShellNode, statement: Node): ShellNode {
  if (node.kind !== 'subshell' && node.kind !== 'group' && node.kind !== 'if' && node.kind !== 'for') return node;
  return { ...node, source: { text: statement.text, line: statement.startPosition.row + 1, endLine: lastRedirectLine(statement) } };
}

/** Returns the 1-based line where the last redirect of a statement ends, a heredoc's body left out. */
function lastRedirectLine(statement: Node): number {
  let row = statement.startPosition.row;
  for (const child of statement.namedChildren) {
    if (child === null || !child.type.endsWith('_redirect')) continue;
    const start = child.type === 'heredoc_redirect' ? child.namedChildren.find((part) => part?.type === 'heredoc_start') : child;
    row = Math.max(row, (start ?? child).endPosition.row);
  }
  return row + 1;
}

/** A redirect and the words written after its target, which the shell passes to the command as arguments. */
interface ConvertedRedirect {
  redirect: Redirect;
  words: Word[];
  /** The first node of those words, for the syntax error of words after a compound command. */
  firstWord?: Node;
}

/**
 * Converts a redirect and the words after its target (`echo a >f b c` gives `b c`).
 * tree-sitter-bash 0.25.1 reads those words as more targets of a file redirect, as arguments of
 * a heredoc redirect (`cat <<EOF x`), or, after a here-string, as the command's nodes that
 * follow the redirect, which come in `rest`.
 */
function convertRedirect(node: Node, rest: Node[] = []): ConvertedRedirect {
  const descriptorNode = node.childForFieldName('descriptor');
  const descriptor = descriptorNode ? Number(descriptorNode.text) : null;
  if (node.type === 'heredoc_redirect') {
    const start = node.namedChildren.find((child) => child?.type === 'heredoc_start');
    const bodyNode = node.namedChildren.find((child): child is Node => child?.type === 'heredoc_body');
    const quoted = /["'\\]/.test(start?.text ?? '');
    const body: Word = bodyNode ? convertHeredocBody(bodyNode, quoted) : { parts: [], text: '' };
    const redirect: Redirect = { operator: node.children[0]?.text.startsWith('<<-') ? '<<-' : '<<', descriptor, target: null, heredoc: { body, quoted } };
    return { redirect, ...wordsOf(touchingRuns([...node.childrenForFieldName('argument'), ...rest])) };
  }
  if (node.type === 'herestring_redirect') {
    const values = node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'file_descriptor');
    const [value, ...after] = touchingRuns([...values, ...rest]);
    return { redirect: { operator: '<<<', descriptor, target: value ? joinWord(value) : null }, ...wordsOf(after) };
  }
  const operator = node.children.find((child) => child !== null && !child.isNamed)?.text ?? '>';
  const [destination, ...after] = touchingRuns([...node.childrenForFieldName('destination'), ...rest]);
  return { redirect: { operator, descriptor, target: destination ? joinWord(destination) : null }, ...wordsOf(after) };
}

function wordsOf(runs: Node[][]): Pick<ConvertedRedirect, 'words' | 'firstWord'> {
  return { words: runs.map(joinWord), firstWord: runs[0]?.[0] };
}

/** Converts a heredoc body: literal when the delimiter was quoted, with expansions otherwise. */
function convertHeredocBody(node: Node, quoted: boolean): Word {
  // The body node's text ends before the closing delimiter and may lack the final newline. An
  // empty body is no line at all, so the shell reads nothing from it.
  const text = node.text === '' || node.text.endsWith('\n') ? node.text : node.text + '\n';
  if (quoted) return { parts: [{ kind: 'literal', text, quoted: true }], text };
  const parts: WordPart[] = [];
  let cursor = node.startIndex;
  const source = node.text;
  for (const child of node.namedChildren.filter(isNode)) {
    if (child.type === 'heredoc_content') continue;
    if (child.startIndex > cursor) parts.push({ kind: 'literal', text: unescapeHeredoc(source.slice(cursor - node.startIndex, child.startIndex - node.startIndex)), quoted: true });
    parts.push(...convertWord(child).parts.map((part) => ({ ...part, quoted: true })));
    cursor = child.endIndex;
  }
  const tail = source.slice(cursor - node.startIndex);
  const closed = source === '' || tail.endsWith('\n') ? tail : tail + '\n';
  parts.push({ kind: 'literal', text: unescapeHeredoc(closed), quoted: true });
  return { parts, text };
}

/** Inside an unquoted heredoc a backslash quotes only `$`, `` ` ``, `\` and a newline. */
function unescapeHeredoc(text: string): string {
  return text.replace(/\\([$`\\\n])/g, (_, char: string) => (char === '\n' ? '' : char));
}

/** Converts any word-like node: literals, quotes, expansions and their concatenations. */
export function convertWord(node: Node): Word {
  return { parts: wordParts(node, false), text: node.text };
}

// NOTE: bash brace expansion (`/a/{b,c}`) is not applied, which is right for /bin/sh (dash, BusyBox
// ash) but not under `SHELL ["/bin/bash", "-c"]`.
function wordParts(node: Node, quoted: boolean): WordPart[] {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'variable_name':
    case 'extglob_pattern':
      return literalParts(node.text, quoted);
    case '$':
      // The lone `$` that ends a split word (`/t$A$` of `/t$A$B.txt`). `joinParts` reads it with
      // the name that follows, and the shell keeps it as a character when no name follows.
      return literalParts(node.text, quoted);
    case 'raw_string':
      return [{ kind: 'literal', text: node.text.slice(1, -1), quoted: true }];
    case 'ansi_c_string':
      return [{ kind: 'literal', text: decodeAnsiC(node.text.slice(2, -1)), quoted: true }];
    case 'string':
      return stringParts(node);
    case 'string_content':
      return [{ kind: 'literal', text: node.text.replace(/\\([$`"\\\n])/g, (_, char: string) => (char === '\n' ? '' : char)), quoted: true }];
    case 'concatenation':
      return concatenationParts(node, quoted);
    case 'simple_expansion':
      return withLeadingBlanks(node, quoted, (text) => ({ kind: 'parameter', name: text.slice(1), quoted }));
    case 'expansion':
      return withLeadingBlanks(node, quoted, (text) => expansionPart(node, text, quoted));
    default:
      return withLeadingBlanks(node, quoted, (text) => ({ kind: 'unknown', text, quoted }));
  }
}

/**
 * Converts an expansion node whose text may start with blanks. Inside a double-quoted string,
 * tree-sitter-bash 0.25.1 puts the blanks before a `$` or a backquote into the expansion's first
 * token (`"$A $B"` gives the children `$A` and ` $B`), although they are literal text of the string.
 */
function withLeadingBlanks(node: Node, quoted: boolean, convert: (text: string) => WordPart): WordPart[] {
  const blanks = /^[ \t\n]*/.exec(node.text)?.[0] ?? '';
  const part = convert(node.text.slice(blanks.length));
  if (blanks === '') return [part];
  return [...literalParts(blanks, quoted), part];
}

/**
 * Joins the parts of a concatenation's children. In the argument of `${NAME:-word}`, tree-sitter-bash
 * 0.25.1 makes one concatenation of `x $C`, and the blanks between its children belong to no child.
 */
function concatenationParts(node: Node, quoted: boolean): WordPart[] {
  const parts: WordPart[] = [];
  let cursor = node.startIndex;
  for (const child of node.children.filter(isNode)) {
    if (child.startIndex > cursor) {
      const gap = node.text.slice(cursor - node.startIndex, child.startIndex - node.startIndex);
      parts.push(...literalParts(gap, quoted));
    }
    parts.push(...wordParts(child, quoted));
    cursor = child.endIndex;
  }
  return parts;
}

function stringParts(node: Node): WordPart[] {
  const parts: WordPart[] = [];
  let cursor = node.startIndex + 1;
  const end = node.endIndex - 1;
  const source = node.text;
  for (const child of node.namedChildren.filter(isNode)) {
    if (child.startIndex > cursor) parts.push({ kind: 'literal', text: source.slice(cursor - node.startIndex, child.startIndex - node.startIndex), quoted: true });
    parts.push(...wordParts(child, true));
    cursor = child.endIndex;
  }
  if (end > cursor) parts.push({ kind: 'literal', text: source.slice(cursor - node.startIndex, end - node.startIndex), quoted: true });
  // An empty string still makes one (empty) field.
  if (parts.length === 0) parts.push({ kind: 'literal', text: '', quoted: true });
  return parts;
}

function literalParts(text: string, quoted: boolean): WordPart[] {
  return quoted ? [{ kind: 'literal', text, quoted }] : unquotedLiteral(text);
}

/** Splits an unquoted literal at backslash escapes: an escaped character is quoted. */
function unquotedLiteral(text: string): WordPart[] {
  const parts: WordPart[] = [];
  const pattern = /\\(.)|\\$/gs;
  let cursor = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > cursor) parts.push({ kind: 'literal', text: text.slice(cursor, match.index), quoted: false });
    if (match[1] !== undefined && match[1] !== '\n') parts.push({ kind: 'literal', text: match[1], quoted: true });
    cursor = match.index + match[0].length;
  }
  if (cursor < text.length) parts.push({ kind: 'literal', text: text.slice(cursor), quoted: false });
  return parts;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${#NAME}` written as `text`; other forms stay unknown. */
function expansionPart(node: Node, text: string, quoted: boolean): WordPart {
  const length = /^\$\{#([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text);
  if (length) return { kind: 'parameter', name: length[1], quoted, length: true };
  const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=+?])(.*))?\}$/s.exec(text);
  if (!match) return { kind: 'unknown', text, quoted };
  const [, name, operator, argumentText] = match;
  if (!operator) return { kind: 'parameter', name, quoted };
  const argumentNode = node.namedChildren.filter(isNode).slice(1);
  const argument: Word = argumentNode.length > 0
    ? { parts: argumentNode.flatMap((child) => wordParts(child, quoted)), text: argumentText }
    : { parts: [{ kind: 'literal', text: argumentText, quoted }], text: argumentText };
  return { kind: 'parameter', name, quoted, operator, argument };
}

function decodeAnsiC(text: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
  return text.replace(/\\(.)/gs, (whole, char: string) => escapes[char] ?? whole);
}
