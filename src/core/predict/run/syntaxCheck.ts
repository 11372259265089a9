/**
 * Finds the syntax errors that every POSIX shell rejects: dash, BusyBox ash, and bash, also in
 * its POSIX mode. Such errors are an unclosed quote, `(`, `{`, `$(` or `${`, an `if` without
 * `fi`, a stray `)` or `fi`, and a script that ends after `&&` or `|`. The check follows the
 * grammar of XCU 2.10. It accepts the forms that bash runs as /bin/sh (`[[ ]]`, `(( ))`,
 * `function`, arrays, `<(...)`), because a script bash accepts is not an error for every shell.
 *
 * The RUN prediction calls it only where tree-sitter-bash reports an error, as a second opinion:
 * tree-sitter's error recovery also marks some valid scripts, and this check reports nothing there.
 *
 * It is written here because no maintained library fits. `sh-syntax` 0.7.0 (mvdan/sh as WASM)
 * parses only asynchronously, which the synchronous RUN prediction cannot call. It also rejects
 * scripts that bash 5.2, dash and BusyBox sh run: `$((1+2*))` in a branch never taken, or a
 * heredoc that ends at the end of the script. `mvdan-sh` is deprecated in favour of it.
 */
import { ShellLexer, ShellSyntaxFailure, UnsureSyntax, type Token } from './syntaxTokens';

/** A syntax error of a script: what is wrong, and the 1-based script line it is on. */
export interface ShellSyntaxError {
  line: number;
  description: string;
  /** The word the shells do not expect there, as written, for the error each shell prints. */
  unexpectedWord?: string;
}

/** Returns the first syntax error of `script` that every POSIX shell reports, or `undefined` when there is none or it depends on the shell. */
export function findShellSyntaxError(script: string): ShellSyntaxError | undefined {
  const lexer = new ShellLexer(script, parseSubstitution);
  try {
    new ScriptParser(lexer).program();
    return undefined;
  } catch (error) {
    if (error instanceof UnsureSyntax) return undefined;
    if (!(error instanceof ShellSyntaxFailure)) throw error;
    // Every shell rejects an unclosed quote, but a grammar error after a bash-only form may be none to some shells.
    return error.lexical || !lexer.bashOnly ? { line: error.line, description: error.description } : undefined;
  }
}

/** Parses the commands of a `$(...)` up to its closing `)`. */
function parseSubstitution(lexer: ShellLexer, openLine: number): void {
  const parser = new ScriptParser(lexer);
  parser.list(new Set([')']));
  parser.close(')', { text: '$(', line: openLine });
}

const redirects = new Set(['<', '>', '>>', '<&', '>&', '<>', '>|', '&>', '&>>', '<<', '<<-', '<<<']);

/** Reserved words that end a compound command's list. At the start of a command, they are an error. */
const closingWords = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

const caseEnds = new Set([';;', ';&', ';;&', 'esac']);

type Opener = { text: string; line: number };

class ScriptParser {
  private peeked: Token | undefined;

  constructor(private readonly lexer: ShellLexer) {}

  program(): void {
    this.list(new Set());
    const token = this.peek();
    if (token.kind !== 'end') throw unexpected(token);
  }

  /** Parses commands separated by `;`, `&` and newlines up to a word or operator of `stops`, and returns how many there were. */
  list(stops: ReadonlySet<string>): number {
    let count = 0;
    this.skipNewlines();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end' || isStop(token, stops)) return count;
      this.andOr();
      count++;
      const separator = this.peek();
      if (separator.kind === 'operator' && (separator.text === ';' || separator.text === '&')) this.take();
      else if (separator.kind !== 'newline') return count;
      this.skipNewlines();
    }
  }

  /** Takes the token that closes `opener`, or reports the token found in its place. */
  close(text: string, opener: Opener): void {
    const token = this.peek();
    if (token.kind === 'end') throw new ShellSyntaxFailure(opener.line, `"${opener.text}" has no matching "${text}"`);
    if (!isStop(token, new Set([text]))) throw unexpected(token);
    this.take();
  }

  private andOr(): void {
    this.pipeline();
    for (let token = this.peek(); token.kind === 'operator' && (token.text === '&&' || token.text === '||'); token = this.peek()) {
      this.take();
      this.skipNewlines();
      this.commandAfter(token);
    }
  }

  private pipeline(): void {
    const first = this.peek();
    if (first.kind === 'word' && first.literal && first.text === '!') {
      this.take();
      // bash accepts a `!` with no command after it.
      if (!startsCommand(this.peek())) throw new UnsureSyntax();
    }
    this.command();
    for (let token = this.peek(); token.kind === 'operator' && (token.text === '|' || token.text === '|&'); token = this.peek()) {
      this.take();
      this.skipNewlines();
      this.commandAfter(token);
    }
  }

  /** Parses the command an operator needs after it (`a &&`, `a |`). */
  private commandAfter(operator: Token & { text: string }): void {
    const token = this.peek();
    if (token.kind === 'end') throw new ShellSyntaxFailure(operator.line, `the script ends after "${operator.text}", which needs a command after it`);
    this.pipeline();
  }

  private command(): void {
    const token = this.peek();
    if (token.kind === 'operator' && token.text === '(') {
      this.take();
      if (!this.lexer.skipArithmeticCommand()) this.lexer.nested(() => this.group(')', token));
      this.redirects();
      return;
    }
    if (token.kind === 'word' && token.literal && this.compound(token)) {
      this.redirects();
      return;
    }
    this.simpleCommand();
  }

  /** Parses the compound command that `token` starts, if it starts one. */
  private compound(token: Token & { kind: 'word' }): boolean {
    const parse = compoundParsers.get(token.text);
    if (parse) {
      this.take();
      this.lexer.nested(() => parse(this, token));
      return true;
    }
    if (closingWords.has(token.text)) throw unexpected(token);
    return false;
  }

  /** Parses a list that must hold a command and the word or operator that closes it. */
  group(close: string, opener: Opener): void {
    this.nonEmptyList(new Set([close]));
    this.close(close, opener);
  }

  nonEmptyList(stops: ReadonlySet<string>): void {
    if (this.list(stops) === 0) {
      const token = this.peek();
      if (token.kind !== 'end') throw unexpected(token);
    }
  }

  ifClauses(opener: Opener): void {
    this.group('then', opener);
    this.nonEmptyList(new Set(['elif', 'else', 'fi']));
    for (let token = this.peek(); isStop(token, new Set(['elif'])); token = this.peek()) {
      this.take();
      this.group('then', opener);
      this.nonEmptyList(new Set(['elif', 'else', 'fi']));
    }
    if (isStop(this.peek(), new Set(['else']))) {
      this.take();
      this.nonEmptyList(new Set(['fi']));
    }
    this.close('fi', opener);
  }

  loop(opener: Opener): void {
    this.group('do', opener);
    this.doGroup(opener);
  }

  doGroup(opener: Opener): void {
    this.nonEmptyList(new Set(['done']));
    this.close('done', opener);
  }

  forLoop(opener: Opener): void {
    // bash's `for ((i = 0; i < 3; i++))`.
    if (this.peek().kind === 'operator') throw new UnsureSyntax();
    this.word();
    this.skipNewlines();
    if (isStop(this.peek(), new Set(['in']))) {
      this.take();
      while (this.peek().kind === 'word') this.take();
    }
    const separator = this.peek();
    if (separator.kind === 'operator' && separator.text === ';') this.take();
    this.skipNewlines();
    this.close('do', opener);
    this.doGroup(opener);
  }

  caseItems(opener: Opener): void {
    this.word();
    this.skipNewlines();
    this.close('in', opener);
    this.skipNewlines();
    while (!isStop(this.peek(), new Set(['esac']))) {
      if (this.peek().kind === 'end') throw new ShellSyntaxFailure(opener.line, '"case" has no matching "esac"');
      this.casePattern();
      this.list(caseEnds);
      const end = this.peek();
      if (end.kind !== 'operator' || !caseEnds.has(end.text)) break;
      this.take();
      this.skipNewlines();
    }
    this.close('esac', opener);
  }

  private casePattern(): void {
    const open = this.peek();
    if (open.kind === 'operator' && open.text === '(') this.take();
    this.word();
    for (let token = this.peek(); token.kind === 'operator' && token.text === '|'; token = this.peek()) {
      this.take();
      this.word();
    }
    const close = this.peek();
    if (close.kind !== 'operator' || close.text !== ')') throw unexpected(close);
    this.take();
  }

  /** bash's `function name { ...; }` and `function name() ...`. */
  functionKeyword(): void {
    this.word();
    this.functionBody();
  }

  /** Marks the script as using a form only bash has, then parses it. */
  bashOnly(parse: () => void): void {
    this.lexer.bashOnly = true;
    parse();
  }

  /** Skips bash's `[[ ... ]]`, whose operators (`<`, `&&`, `(`) are not the shell's. */
  testExpression(): void {
    for (let token = this.take(); !(token.kind === 'word' && token.literal && token.text === ']]'); token = this.take()) {
      // dash runs an unclosed `[[` as a command, so only bash rejects it.
      if (token.kind === 'end') throw new UnsureSyntax();
    }
  }

  private functionBody(): void {
    const open = this.peek();
    if (open.kind === 'operator' && open.text === '(') {
      this.take();
      const close = this.peek();
      if (close.kind !== 'operator' || close.text !== ')') throw unexpected(close);
      this.take();
    }
    this.skipNewlines();
    const body = this.peek();
    if (body.kind === 'end') throw new ShellSyntaxFailure(open.line, 'the function definition has no body');
    this.command();
  }

  private simpleCommand(): void {
    let count = 0;
    for (let token = this.peek(); ; token = this.peek()) {
      if (token.kind === 'operator' && redirects.has(token.text)) this.redirect();
      else if (token.kind === 'word') {
        this.take();
        if (/^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(token.text) && token.literal && this.lexer.following() === '(') this.lexer.skipArray();
        else if (count === 0 && isOperator(this.peek(), '(')) {
          this.lexer.nested(() => this.functionBody());
          return;
        }
      } else if (count === 0) throw unexpected(token);
      else return;
      count++;
    }
  }

  private redirects(): void {
    for (let token = this.peek(); token.kind === 'operator' && redirects.has(token.text); token = this.peek()) this.redirect();
  }

  private redirect(): void {
    const operator = this.take();
    const target = this.peek();
    if (target.kind === 'end' && operator.kind === 'operator') throw new ShellSyntaxFailure(operator.line, `the script ends after "${operator.text}", which needs a file after it`);
    if (target.kind !== 'word') throw unexpected(target);
    this.take();
    if (operator.kind === 'operator' && (operator.text === '<<' || operator.text === '<<-')) this.lexer.addHeredoc(target.text, operator.text === '<<-');
  }

  private word(): void {
    const token = this.peek();
    if (token.kind !== 'word') throw unexpected(token);
    this.take();
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.take();
  }

  private peek(): Token {
    this.peeked ??= this.lexer.next();
    return this.peeked;
  }

  private take(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }
}

/** The parsers of the compound commands, by the reserved word that starts them (taken already). */
const compoundParsers = new Map<string, (parser: ScriptParser, opener: Opener) => void>([
  ['{', (parser, opener) => parser.group('}', opener)],
  ['if', (parser, opener) => parser.ifClauses(opener)],
  ['while', (parser, opener) => parser.loop(opener)],
  ['until', (parser, opener) => parser.loop(opener)],
  ['for', (parser, opener) => parser.forLoop(opener)],
  // bash's `select NAME in WORDS; do ...; done` has the form of `for`.
  ['select', (parser, opener) => parser.bashOnly(() => parser.forLoop(opener))],
  ['case', (parser, opener) => parser.caseItems(opener)],
  ['function', (parser) => parser.bashOnly(() => parser.functionKeyword())],
  ['[[', (parser) => parser.bashOnly(() => parser.testExpression())],
  ['coproc', () => {
    throw new UnsureSyntax();
  }],
]);

function isStop(token: Token, stops: ReadonlySet<string>): boolean {
  if (token.kind === 'operator') return stops.has(token.text);
  return token.kind === 'word' && token.literal && stops.has(token.text);
}

function startsCommand(token: Token): boolean {
  return token.kind === 'word' || (token.kind === 'operator' && (token.text === '(' || redirects.has(token.text)));
}

function isOperator(token: Token, text: string): boolean {
  return token.kind === 'operator' && token.text === text;
}

function unexpected(token: Token): ShellSyntaxFailure {
  if (token.kind === 'end') return new ShellSyntaxFailure(token.line, 'the script ends where a command is expected');
  if (token.kind === 'newline') return new ShellSyntaxFailure(token.line, 'the line ends where a command is expected');
  return new ShellSyntaxFailure(token.line, `"${token.text}" is unexpected here`);
}
