/**
 * Tilde expansion (POSIX XCU 2.6.1, checked with dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash).
 * An unquoted `~` at the start of a word begins a tilde-prefix that runs to the first `/`. In an
 * assignment, a `~` after an unquoted `:` begins one too, and a prefix also ends at `:`. `~` alone
 * gives `$HOME`, and `~name` gives the home folder of the user `name` in /etc/passwd. A prefix
 * with a quoted or expanded character (`~"/x"`, `~$USER`) stays as written.
 */
import { passwdEntry } from '../ownership';
import type { RunAccounts } from './accounts';
import type { WordPart } from './ast';

/** A tilde-prefix of a word: the login name after `~` (empty for `$HOME`) and the prefix as written. */
export interface TildePrefix {
  kind: 'tilde';
  user: string;
  text: string;
}

/**
 * The places in a word where tilde-prefixes expand. `word` expands one at its start, and
 * `assignment` also after each `:` of an assignment's value. `declaration` reads an argument of
 * export or readonly that has the form `NAME=value` as an assignment. `none` is for a heredoc body.
 */
export type TildeRule = 'word' | 'assignment' | 'declaration' | 'none';

/** Splits the tilde-prefixes that `rule` expands out of a word's parts, each as its own piece. */
export function tildePieces(parts: readonly WordPart[], rule: TildeRule): Array<WordPart | TildePrefix> {
  if (rule === 'none') return [...parts];
  if (rule === 'declaration') return declarationPieces(parts);
  const pieces: Array<WordPart | TildePrefix> = [];
  // A prefix may begin at the word's start, and in an assignment after an unquoted colon.
  let mayBegin = true;
  parts.forEach((part, index) => {
    if (part.kind !== 'literal' || part.quoted) {
      pieces.push(part);
      mayBegin = false;
      return;
    }
    const isLast = index === parts.length - 1;
    let literal = '';
    let cursor = 0;
    while (cursor < part.text.length) {
      const end = mayBegin && part.text[cursor] === '~' ? prefixEnd(part.text, cursor + 1, rule) : -1;
      // A prefix that reaches the end of this part goes on into the next one, which is quoted or an expansion.
      if (end >= 0 && (end < part.text.length || isLast)) {
        if (literal !== '') pieces.push({ kind: 'literal', text: literal, quoted: false });
        literal = '';
        pieces.push({ kind: 'tilde', user: part.text.slice(cursor + 1, end), text: part.text.slice(cursor, end) });
        mayBegin = false;
        cursor = end;
        continue;
      }
      mayBegin = rule === 'assignment' && part.text[cursor] === ':';
      literal += part.text[cursor];
      cursor++;
    }
    if (literal !== '') pieces.push({ kind: 'literal', text: literal, quoted: false });
  });
  return pieces;
}

/** Splits `NAME=value` as an assignment, and any other argument of export or readonly as a word. */
function declarationPieces(parts: readonly WordPart[]): Array<WordPart | TildePrefix> {
  const [first, ...rest] = parts;
  if (first?.kind !== 'literal' || first.quoted) return tildePieces(parts, 'word');
  const name = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(first.text)?.[0];
  if (name === undefined) return tildePieces(parts, 'word');
  const value: WordPart[] = first.text === name ? rest : [{ kind: 'literal', text: first.text.slice(name.length), quoted: false }, ...rest];
  return [{ kind: 'literal', text: name, quoted: false }, ...tildePieces(value, 'assignment')];
}

/** Returns the index where a tilde-prefix that starts before `from` ends: at `/`, at `:` in an assignment, or at the end. */
function prefixEnd(text: string, from: number, rule: TildeRule): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '/' || (rule === 'assignment' && text[index] === ':')) return index;
  }
  return text.length;
}

/**
 * Returns the home folder of the user `name` in /etc/passwd as the RUN's commands find it. It
 * is `undefined` where the file is unread or known only in part, where a useradd of this RUN
 * added the user, and where no line names the user. For an unlisted user, dash and bash keep
 * `~name` as written and BusyBox ash drops the rest of the word, so the value stays unknown.
 */
export function userHome(accounts: RunAccounts, name: string): string | undefined {
  // getpwnam looks up names only, so `~0` is no user number.
  if (/^\d+$/.test(name)) return undefined;
  const version = accounts.versionNow('/etc/passwd');
  if (version.added.has(name) || version.text === undefined || version.text.partial) return undefined;
  return passwdEntry(name, version.text.text)?.home ?? undefined;
}
