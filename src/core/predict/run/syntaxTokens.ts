/**
 * Splits a shell script into tokens as POSIX `sh` does (XCU 2.3 Token Recognition): quotes,
 * backslash escapes, line continuations, comments, expansions and heredoc bodies. It serves the
 * syntax check in `syntaxCheck.ts`, so it keeps only what the grammar needs: a word's text after
 * quote removal and whether all of it was plain text. Where bash reads a construct differently from
 * POSIX (`$'...'`, `<(...)`, `a=(...)`), the bash reading is taken, so that a script bash accepts
 * is never reported.
 */

/** `literal` is true for a word written without quotes, escapes or expansions, which alone can be a reserved word. */
export type Token =
  | { kind: 'word'; text: string; literal: boolean; line: number }
  | { kind: 'operator'; text: string; line: number }
  | { kind: 'newline'; line: number }
  | { kind: 'end'; line: number };

/**
 * A syntax error every POSIX shell reports: what is wrong, and the 1-based script line it is on.
 * `lexical` marks an unclosed quote or expansion, which no shell reads differently.
 */
export class ShellSyntaxFailure extends Error {
  constructor(readonly line: number, readonly description: string, readonly lexical = false) {
    super(description);
  }
}

/** Raised for a construct whose reading differs between shells, so that no error is reported. */
export class UnsureSyntax extends Error {}

/** Longest first, so that `&&` is not read as two `&`. `;&`, `;;&`, `|&`, `&>` and `<<<` are bash's. */
const operators = ['&&', '||', ';;&', ';;', ';&', '|&', '&>>', '&>', '<<<', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', '&', '|', ';', '(', ')', '<', '>'];

const operatorStart = new Set(';&|()<>');

/** Deeper nesting than this is left unchecked rather than risk exhausting the stack. */
const maxDepth = 100;

/** A parser of the command list of a `$(...)` up to its `)`, which `syntaxCheck.ts` provides. */
export type NestedParse = (lexer: ShellLexer, openLine: number) => void;

export class ShellLexer {
  private position = 0;
  private line = 1;
  private depth = 0;
  private previous: Token | undefined;
  /**
   * Set once the script uses a form only bash has. dash and BusyBox ash read those words as a
   * plain command, and bash skips the rest of a line whose `[[ ]]` it rejects, so after one of
   * them a grammar error may be none to some shell.
   */
  bashOnly = false;
  private readonly heredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];

  constructor(private readonly source: string, private readonly parseNested: NestedParse) {}

  next(): Token {
    this.previous = this.read();
    return this.previous;
  }

  private read(): Token {
    this.skipBlanksAndComment();
    if (this.position >= this.source.length) return { kind: 'end', line: this.line };
    const char = this.source[this.position];
    if (char === '\n') {
      const token: Token = { kind: 'newline', line: this.line };
      this.position++;
      this.line++;
      this.skipHeredocBodies();
      return token;
    }
    if ((char === '<' || char === '>') && this.source[this.position + 1] === '(') return this.readWord();
    const operator = operators.find((candidate) => this.source.startsWith(candidate, this.position));
    if (operator) {
      this.position += operator.length;
      return { kind: 'operator', text: operator, line: this.line };
    }
    return this.readWord();
  }

  /** Returns the character right after the last token, with no blank skipped. */
  following(): string {
    return this.source[this.position] ?? '';
  }

  /** Registers the heredoc whose body starts after the next newline. */
  addHeredoc(delimiter: string, stripTabs: boolean): void {
    this.heredocs.push({ delimiter, stripTabs });
  }

  /**
   * Skips bash's `((expression))` after the first `(` was read, when the parentheses balance up to
   * a `))`. Returns false, with nothing skipped, for anything else (`((cd /a) && b)` is two subshells).
   */
  skipArithmeticCommand(): boolean {
    const start = { position: this.position, line: this.line };
    if (this.following() !== '(') return false;
    this.position++;
    if (this.skipBalanced(false) && this.following() === ')') {
      this.position++;
      this.bashOnly = true;
      return true;
    }
    this.position = start.position;
    this.line = start.line;
    return false;
  }

  /** Skips the list of a bash array assignment (`a=(1 2)`), the `(` being next. */
  skipArray(): void {
    this.bashOnly = true;
    this.position++;
    try {
      if (this.skipBalanced(true)) return;
    } catch (error) {
      // Only bash has arrays, so what is wrong inside one is an error to bash alone.
      if (!(error instanceof ShellSyntaxFailure)) throw error;
    }
    throw new UnsureSyntax();
  }

  /** Runs `parse` one level deeper, refusing to go past `maxDepth`. */
  nested<T>(parse: () => T): T {
    if (++this.depth > maxDepth) throw new UnsureSyntax();
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private skipBlanksAndComment(): void {
    for (;;) {
      const char = this.source[this.position];
      if (char === ' ' || char === '\t') this.position++;
      else if (char === '\\' && this.source[this.position + 1] === '\n') this.continueLine();
      else if (char === '#') {
        while (this.position < this.source.length && this.source[this.position] !== '\n') this.position++;
      } else return;
    }
  }

  private continueLine(): void {
    this.position += 2;
    this.line++;
  }

  private readWord(): Token {
    const line = this.line;
    let text = '';
    let literal = true;
    while (this.position < this.source.length) {
      const char = this.source[this.position];
      if (char === ' ' || char === '\t' || char === '\n') break;
      if (operatorStart.has(char) && !((char === '<' || char === '>') && this.source[this.position + 1] === '(')) break;
      const part = this.readWordPart(char);
      literal &&= part.literal;
      text += part.text;
    }
    // An IO number (`2>&1`) belongs to the redirect that follows it. Right after a redirect
    // (`>&3<<EOF`), dash reads it so but bash takes it as the redirect's target.
    if (literal && /^\d+$/.test(text) && (this.following() === '<' || this.following() === '>')) {
      if (this.previous?.kind === 'operator' && /[<>]/.test(this.previous.text)) throw new UnsureSyntax();
      return this.read();
    }
    return { kind: 'word', text, literal, line };
  }

  /** Reads one part of a word that starts with `char`: a plain character, or a quoted, escaped or expanded part. */
  private readWordPart(char: string): { text: string; literal: boolean } {
    if (char === '<' || char === '>') {
      this.bashOnly = true;
      this.position++;
      this.readCommandSubstitution();
      return { text: '', literal: false };
    }
    if (char === '\\') {
      const continued = this.source[this.position + 1] === '\n';
      return { text: this.readBackslash(), literal: continued };
    }
    if (char === "'") return { text: this.readSingleQuoted(), literal: false };
    if (char === '"') return { text: this.readDoubleQuoted(), literal: false };
    if (char === '`') {
      this.readBackquoted();
      return { text: '', literal: false };
    }
    if (char === '$') return { text: this.readDollar(false), literal: false };
    this.position++;
    return { text: char, literal: true };
  }

  /** Reads `\c` outside quotes: `c` is literal, a newline joins lines, and a final `\` stays. */
  private readBackslash(): string {
    const escaped = this.source[this.position + 1];
    if (escaped === undefined) {
      this.position++;
      return '\\';
    }
    if (escaped === '\n') {
      this.continueLine();
      return '';
    }
    this.position += 2;
    return escaped;
  }

  private readSingleQuoted(): string {
    const line = this.line;
    const close = this.source.indexOf("'", this.position + 1);
    if (close < 0) throw new ShellSyntaxFailure(line, "the opening ' is never closed", true);
    const text = this.source.slice(this.position + 1, close);
    this.countLines(text);
    this.position = close + 1;
    return text;
  }

  private readDoubleQuoted(): string {
    const line = this.line;
    let text = '';
    this.position++;
    for (;;) {
      const char = this.source[this.position];
      if (char === undefined) throw new ShellSyntaxFailure(line, 'the opening " is never closed', true);
      if (char === '"') {
        this.position++;
        return text;
      }
      if (char === '\\') text += this.readQuotedBackslash();
      else if (char === '`') this.readBackquoted();
      else if (char === '$') text += this.readDollar(true);
      else {
        if (char === '\n') this.line++;
        text += char;
        this.position++;
      }
    }
  }

  private readQuotedBackslash(): string {
    const escaped = this.source[this.position + 1] ?? '';
    this.position += 2;
    if (escaped === '\n') {
      this.line++;
      return '';
    }
    return '$`"\\'.includes(escaped) ? escaped : '\\' + escaped;
  }

  /** Reads a backquoted command substitution without checking its commands. */
  private readBackquoted(): void {
    const line = this.line;
    this.position++;
    for (;;) {
      const char = this.source[this.position];
      if (char === undefined) throw new ShellSyntaxFailure(line, 'the opening ` is never closed', true);
      if (this.skipEscape(char)) continue;
      this.position++;
      if (char === '`') return;
      if (char === '\n') this.line++;
    }
  }

  /** Reads what starts with `$` and returns its literal text, which only a lone `$` has. */
  private readDollar(inDoubleQuotes: boolean): string {
    const after = this.source[this.position + 1];
    if (after === '(' && this.source[this.position + 2] === '(') this.readArithmetic();
    else if (after === '(') {
      this.position++;
      this.readCommandSubstitution();
    } else if (after === '{') this.nested(() => this.readBraced(inDoubleQuotes));
    else if (after === "'" && !inDoubleQuotes) this.readAnsiC();
    else {
      this.position++;
      return '$';
    }
    return '';
  }

  /** Reads `(...)` of `$(...)`, `<(...)` or `>(...)`, whose commands the parser checks. */
  private readCommandSubstitution(): void {
    const line = this.line;
    this.position++;
    this.nested(() => this.parseNested(this, line));
  }

  private readArithmetic(): void {
    const line = this.line;
    this.position += 3;
    if (this.skipBalanced(false) && this.following() === ')') {
      this.position++;
      return;
    }
    // `$((a) | b)` is a command substitution to some shells and an error to others.
    if (this.position < this.source.length) throw new UnsureSyntax();
    throw new ShellSyntaxFailure(line, 'the opening "$((" is never closed', true);
  }

  /** Reads `${...}`: quotes and expansions inside it are read as well. */
  private readBraced(inDoubleQuotes: boolean): void {
    const line = this.line;
    this.position += 2;
    // Shells read `${` differently when no parameter name and operator or `}` follow (`${#$(x}`).
    if (!/^#?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?:[}:=?+%#/^,[-]|$)/.test(this.source.slice(this.position, this.position + 256))) throw new UnsureSyntax();
    for (;;) {
      const char = this.source[this.position];
      if (char === undefined) throw new ShellSyntaxFailure(line, 'the opening "${" is never closed', true);
      if (char === '}') {
        this.position++;
        return;
      }
      // Shells disagree on how quotes inside `"${...}"` pair up, and on a backquote inside `${...}`.
      if (((char === "'" || char === '"') && inDoubleQuotes) || char === '`') throw new UnsureSyntax();
      if (char === "'") this.readSingleQuoted();
      else if (char === '"') this.readDoubleQuoted();
      else if (char === '`') this.readBackquoted();
      else if (char === '$') this.readDollar(inDoubleQuotes);
      else if (char === '\\') this.readBackslash();
      else {
        if (char === '\n') this.line++;
        this.position++;
      }
    }
  }

  /**
   * Reads bash's `$'...'`. A `\'` inside does not end it for bash but does for POSIX, which reads
   * `$` and a single-quoted string, so such a string is left unchecked.
   */
  private readAnsiC(): void {
    this.bashOnly = true;
    this.position++;
    const close = this.source.indexOf("'", this.position + 1);
    if (close > 0 && this.source[close - 1] === '\\') throw new UnsureSyntax();
    this.readSingleQuoted();
  }

  /**
   * Skips past the `)` that balances the text read so far, escapes respected. Returns false at
   * the end of the script. Quotes are read only for `readQuotes`, because inside `$((...))`
   * dash does not treat them as quotes while bash does.
   */
  private skipBalanced(readQuotes: boolean): boolean {
    let depth = 0;
    for (;;) {
      const char = this.source[this.position];
      if (char === undefined) return false;
      if (char === "'" || char === '"') {
        if (!readQuotes) throw new UnsureSyntax();
        this.skipQuoted(char);
        continue;
      }
      if (this.skipEscape(char)) continue;
      this.position++;
      if (char === '\n') this.line++;
      if (char === '(') depth++;
      else if (char === ')' && depth-- === 0) return true;
    }
  }

  /** Skips a backslash and the character it escapes, counting an escaped newline; false for any other character. */
  private skipEscape(char: string): boolean {
    if (char !== '\\') return false;
    if (this.source[this.position + 1] === '\n') this.line++;
    this.position += 2;
    return true;
  }

  private skipQuoted(quote: string): void {
    if (quote === "'") this.readSingleQuoted();
    else this.readDoubleQuoted();
  }

  private countLines(text: string): void {
    for (const char of text) if (char === '\n') this.line++;
  }

  /** Skips the bodies of the heredocs named on the line just ended. A body without its delimiter runs to the end, as sh accepts it. */
  private skipHeredocBodies(): void {
    for (const heredoc of this.heredocs.splice(0)) {
      while (this.position < this.source.length) {
        const end = this.source.indexOf('\n', this.position);
        const stop = end < 0 ? this.source.length : end;
        const text = this.source.slice(this.position, stop);
        this.position = end < 0 ? stop : stop + 1;
        if (end >= 0) this.line++;
        if ((heredoc.stripTabs ? text.replace(/^\t+/, '') : text) === heredoc.delimiter) break;
      }
    }
  }
}
