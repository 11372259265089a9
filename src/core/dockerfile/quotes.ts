/**
 * Quotes left open in the words that builders read with their shell lexer. BuildKit, the classic
 * builder and buildah share one lexer (moby/buildkit frontend/dockerfile/shell/lex.go), which
 * fails on a quote without a closing partner: "unexpected end of statement while looking for
 * matching double-quote". Seen in real builds of ENV, LABEL, ARG, WORKDIR, USER, EXPOSE, VOLUME,
 * STOPSIGNAL, COPY, ADD and FROM with Docker Engine 20.10.24's classic builder and buildah 1.28.2.
 * The same builds passed an open quote in CMD, HEALTHCHECK and ONBUILD, which BuildKit does not
 * expand either. A RUN command goes to the shell as written, and the shell fails on it instead.
 */
import type { BuilderKind } from './builders';
import type { ParsedInstruction } from './parse';
import { splitWords } from './words';

export type Quote = '"' | "'";

/** A word that the lexer reads, with the ARG name whose value it is. */
interface LexedWord {
  text: string;
  argName?: string;
}

export interface UnclosedQuote {
  quote: Quote;
  /** The word that contains the open quote, as written. */
  word: string;
  /** For ARG: the name whose default value contains the quote. */
  argName?: string;
}

/** Instructions whose arguments the builders' parser splits at whitespace, quoted or not. */
const splitAtSpaces = new Set(['COPY', 'ADD', 'VOLUME', 'EXPOSE', 'FROM']);

/** Instructions whose whole argument text is one word for the lexer. */
const wholeText = new Set(['WORKDIR', 'USER', 'STOPSIGNAL']);

/** Finds the first quote left open in the words of an instruction that the lexer reads. */
export function findUnclosedQuote(instruction: ParsedInstruction, escape: string): UnclosedQuote | undefined {
  for (const word of lexedWords(instruction, escape)) {
    const quote = openQuote(word.text, escape);
    if (quote) return { quote, word: word.text, argName: word.argName };
  }
  return undefined;
}

/**
 * Lists the words the lexer reads, cut as the parser of moby/buildkit frontend/dockerfile/parser
 * cuts them. COPY, ADD, VOLUME, EXPOSE and FROM are split at every whitespace run, so
 * `COPY "a b" /c` gives the word `"a`. ENV, LABEL and ARG give quote-aware `name=value` words,
 * whose values are read, and the legacy `ENV name value` gives a value that is the rest of the line.
 */
function lexedWords(instruction: ParsedInstruction, escape: string): LexedWord[] {
  const keyword = instruction.keyword;
  const args = instruction.args.trim();
  if (args === '' || instruction.json) return [];
  if (splitAtSpaces.has(keyword)) {
    const words = args.split(/\s+/);
    // FROM expands only its image, so `AS name` never reaches the lexer.
    return (keyword === 'FROM' ? words.slice(0, 1) : words).map((text) => ({ text }));
  }
  if (wholeText.has(keyword)) return [{ text: args }];
  if (keyword !== 'ENV' && keyword !== 'LABEL' && keyword !== 'ARG') return [];
  const words = splitWords(args, escape);
  if (keyword !== 'ARG' && !words[0].includes('=')) return [{ text: args.slice(words[0].length).trim() }];
  return words.filter((word) => word.includes('=')).map((word) => {
    const equals = word.indexOf('=');
    return { text: word.slice(equals + 1), argName: keyword === 'ARG' ? word.slice(0, equals) : undefined };
  });
}

/** Returns the quote that is still open at the end of `word`, as the lexer scans it. */
function openQuote(word: string, escape: string): Quote | null {
  let quote: Quote | null = null;
  for (let i = 0; i < word.length; i++) {
    const char = word[i];
    if (quote === "'") {
      if (char === "'") quote = null;
    } else if (char === escape) {
      // Outside quotes the escape keeps the next character; inside double quotes it keeps `"`.
      i++;
    } else if (char === '"' || (char === "'" && quote === null)) {
      quote = quote === char ? null : char;
    }
  }
  return quote;
}

/**
 * When a builder fails on an open quote. `parse`: before any step runs. `convert`: before any step
 * runs, but only when the stage is one the target needs. `step`: when the build reaches the step.
 */
export type QuoteErrorTime = 'parse' | 'convert' | 'step';

/**
 * Returns when the builder fails on an open quote in an instruction. `global` marks an ARG before
 * the first FROM, which all three builders read before any step runs. In real builds the classic
 * builder failed at the step, FROM included. buildah failed at the step too, except on FROM lines,
 * which it reads before any step, even in stages it skips. BuildKit's dockerfile2llb reads every
 * stage's FROM before it converts stages, and the other instructions as it converts the stages the
 * target needs (`dispatch` in convert.go).
 */
export function quoteErrorTime(builder: BuilderKind, keyword: string, global: boolean): QuoteErrorTime {
  if (global) return 'parse';
  if (keyword === 'FROM') return builder === 'classic' ? 'step' : 'parse';
  return builder === 'buildkit' ? 'convert' : 'step';
}

/**
 * Returns whether the builder reads an ARG default. BuildKit skips the default of a name given as
 * a build argument (`buildMetaArgs` and `dispatchArg` in convert.go). The classic builder and
 * buildah read it even then, as real builds showed.
 */
export function readsArgDefault(builder: BuilderKind, name: string, buildArgs: Readonly<Record<string, string>>): boolean {
  return builder !== 'buildkit' || !Object.hasOwn(buildArgs, name);
}

/** Describes an open quote and how to fix it, quoting the builders' own error. */
export function unclosedQuoteMessage(instruction: ParsedInstruction, found: UnclosedQuote, escape: string): string {
  const kind = found.quote === '"' ? 'double' : 'single';
  const opens = `The ${kind} quote (${found.quote}) in \`${found.word}\` is never closed`;
  const error = `"unexpected end of statement while looking for matching ${kind}-quote"`;
  return `${opens}, so builders stop on this ${instruction.keyword} (${error}). ${quoteFix(instruction, found, escape)}`;
}

function quoteFix(instruction: ParsedInstruction, found: UnclosedQuote, escape: string): string {
  const keyword = instruction.keyword;
  // Quotes that pair up across the line show a path with spaces, which these words cannot hold.
  const pairedAcrossWords = splitAtSpaces.has(keyword) && openQuote(instruction.args, escape) === null;
  if (pairedAcrossWords && (keyword === 'COPY' || keyword === 'ADD' || keyword === 'VOLUME')) {
    const example = keyword === 'VOLUME' ? 'VOLUME ["/my data"]' : `${keyword} ["my file.txt", "/dest/"]`;
    return `${keyword} splits its arguments at every space, even inside quotes, so write a path with spaces in the JSON form, such as ${example}.`;
  }
  if (pairedAcrossWords) return `${keyword} splits its arguments at every space, even inside quotes, so remove the quotes.`;
  return `Add the closing ${found.quote}, or write ${escape}${found.quote} for a quote that belongs to the value.`;
}
