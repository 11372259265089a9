/** Splits command arguments into options and operands, the way getopt-style tools read them. */
import type { Field } from './expand';

export interface OptionSpec {
  /** Single-letter options that take a value (`-m 755`, `-m755`). */
  valued?: string;
  /** Long options that take a value (`--mode=755`, `--mode 755`), without the dashes. */
  longValued?: string[];
}

export interface ParsedOptions {
  /** Each option as written, `-p` as `p` and `--parents` as `parents`, with its value. */
  options: Map<string, string | true>;
  operands: Field[];
}

/** Parses options anywhere before `--`, as GNU tools do; operands keep their order. */
export function parseOptions(args: Field[], spec: OptionSpec = {}): ParsedOptions {
  const options = new Map<string, string | true>();
  const operands: Field[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const text = arg.value;
    if (text === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (text.startsWith('--') && arg.known) {
      const equals = text.indexOf('=');
      const name = equals < 0 ? text.slice(2) : text.slice(2, equals);
      if (equals >= 0) options.set(name, text.slice(equals + 1));
      else if (spec.longValued?.includes(name) && i + 1 < args.length) options.set(name, args[++i].value);
      else options.set(name, true);
      continue;
    }
    if (text.startsWith('-') && text.length > 1 && arg.known) {
      for (let j = 1; j < text.length; j++) {
        const letter = text[j];
        if (!spec.valued?.includes(letter)) {
          options.set(letter, true);
          continue;
        }
        const rest = text.slice(j + 1);
        let value = rest;
        if (value === '' && i + 1 < args.length) value = args[++i].value;
        options.set(letter, value);
        break;
      }
      continue;
    }
    operands.push(arg);
  }
  return { options, operands };
}

/** Returns whether any of the given option names was set. */
export function hasOption(parsed: ParsedOptions, ...names: string[]): boolean {
  return names.some((name) => parsed.options.has(name));
}

/** Returns the value of the first of the given options that was set with a value. */
export function optionValue(parsed: ParsedOptions, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = parsed.options.get(name);
    if (typeof value === 'string') return value;
  }
  return undefined;
}
