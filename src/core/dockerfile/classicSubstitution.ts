/**
 * The variable forms that the classic builder of Docker Engine 20.10.24 lacks. Its shell lexer,
 * BuildKit's `frontend/dockerfile/shell` as of v0.8.4 (vendored by the Engine), reads `$v`,
 * `${v}`, `${v?m}`, `${v:-w}`, `${v:+w}` and `${v:?m}`. After a name in braces it takes only `}`,
 * `?` or `:`, and fails on anything else with "missing ':' in substitution". So it lacks the
 * forms without a colon (`${v-w}`, `${v+w}`), which BuildKit's lexer reads since v0.12, and the
 * pattern forms (`${v%p}`, `${v#p}`, `${v/p/r}`), which it reads since v0.13. The builder fails
 * the step whose word it expands, with `failed to process "WORD": missing ':' in substitution`.
 */
import { flagValue } from './flags';
import type { ParsedInstruction } from './parse';
import { splitWords } from './words';

/**
 * The first error the classic lexer finds in a word: `missing-colon` for a form it lacks, `other`
 * for the errors that newer lexers share (an open quote or brace, `${:}`, `${v:=w}`), which the
 * plan reports under every builder.
 */
type LexError = 'missing-colon' | 'other';

/**
 * Returns the classic builder's error for the first word of `instruction` that uses a
 * substitution form its lexer lacks, or `undefined` when there is none.
 * NOTE: the default escape character is assumed, because the instruction does not carry the
 * Dockerfile's `# escape=` directive.
 */
export function classicSubstitutionError(instruction: ParsedInstruction, escape = '\\'): string | undefined {
  for (const word of expandedWords(instruction)) {
    if (new ClassicLexer(word, escape).firstError() === 'missing-colon') return `failed to process ${JSON.stringify(word)}: missing ':' in substitution`;
  }
  return undefined;
}

/** Lists the words that the classic builder expands, each as its parser gives it to the lexer, in the order it expands them. */
function expandedWords(instruction: ParsedInstruction): string[] {
  const args = instruction.args.trim();
  // COPY, ADD and VOLUME split at every whitespace run, and the JSON form gives its strings.
  const listed = instruction.json ?? args.split(/\s+/).filter((word) => word !== '');
  switch (instruction.keyword) {
    case 'COPY':
    case 'ADD':
      return [flagValue(instruction.flags, 'chown') ?? '', ...listed];
    case 'VOLUME':
      return listed;
    case 'FROM':
      return listed.slice(0, 1);
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
      return [args];
    case 'ENV':
    case 'LABEL':
    case 'ARG':
      return keyValueWords(instruction.keyword, args);
    default:
      return [];
  }
}

/** Lists the names and values of `name=value` words, or of the legacy `ENV name value`, names first. */
function keyValueWords(keyword: string, args: string): string[] {
  const words = splitWords(args);
  if (keyword !== 'ARG' && words.length > 0 && !words[0].includes('=')) return [words[0], args.slice(words[0].length).trim()];
  return words.flatMap((word) => {
    const equals = word.indexOf('=');
    return equals < 0 ? [word] : [word.slice(0, equals), word.slice(equals + 1)];
  });
}

/** A reading of one word as the classic lexer reads it, which stops at its first error. */
class ClassicLexer {
  private position = 0;

  constructor(private readonly text: string, private readonly escape: string) {}

  /** Returns the first error the lexer finds in the word, or `undefined` when it reads the whole word. */
  firstError(): LexError | undefined {
    return this.readUntil(undefined);
  }

  /** Reads up to the unquoted `stop` character (past it), or to the end when `stop` is undefined. */
  private readUntil(stop: string | undefined): LexError | undefined {
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      if (char === stop) {
        this.position++;
        return undefined;
      }
      const error = this.readOne(char);
      if (error !== undefined) return error;
    }
    return stop === undefined ? undefined : 'other';
  }

  private readOne(char: string): LexError | undefined {
    if (char === "'") return this.skipSingleQuoted();
    if (char === '"') return this.readDoubleQuoted();
    if (char === '$') return this.readDollar();
    this.position += char === this.escape ? 2 : 1;
    return undefined;
  }

  private skipSingleQuoted(): LexError | undefined {
    const close = this.text.indexOf("'", this.position + 1);
    if (close < 0) return 'other';
    this.position = close + 1;
    return undefined;
  }

  private readDoubleQuoted(): LexError | undefined {
    this.position++;
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      if (char === '"') {
        this.position++;
        return undefined;
      }
      if (char === '$') {
        const error = this.readDollar();
        if (error !== undefined) return error;
        continue;
      }
      // Inside double quotes the escape character escapes only `"`, `$` and itself.
      const next = this.text[this.position + 1];
      this.position += char === this.escape && (next === '"' || next === '$' || next === this.escape) ? 2 : 1;
    }
    return 'other';
  }

  /** Reads `$name` or `${...}` from the `$` at the current position. */
  private readDollar(): LexError | undefined {
    this.position++;
    if (this.text[this.position] !== '{') {
      this.readName();
      return undefined;
    }
    this.position++;
    const first = this.text[this.position];
    if (first === undefined || first === '{' || first === '}' || first === ':') return 'other';
    this.readName();
    const after = this.text[this.position++];
    if (after === '}') return undefined;
    if (after === '?') return this.readUntil('}');
    if (after === ':') {
      const modifier = this.text[this.position++];
      const error = this.readUntil('}');
      return error ?? (modifier === '-' || modifier === '+' || modifier === '?' ? undefined : 'other');
    }
    // The lexer reports a word that ends after the name as this error too, but the plan already reports the missing brace.
    return after === undefined ? 'other' : 'missing-colon';
  }

  /** Reads a name: a run of digits, one special parameter character (`#`, `?`...), or letters, digits and `_`. */
  private readName(): void {
    const name = /^(?:\d+|[@*#?\-$!]|[\p{L}\p{Nd}_]*)/u.exec(this.text.slice(this.position))?.[0] ?? '';
    this.position += name.length;
  }
}
