/**
 * Paths that look like credentials, and the remedy for one that a COPY or ADD put into a layer.
 * A deleted credential is still in the earlier layer, where anyone who pulls the image can read
 * it, so its waste hint is a warning whatever its size.
 */
import { hasWildcard } from '../../context/goMatch';
import { isPublicPemFile } from '../../context/publicPem';
import { baseName, normalizeImagePath } from '../../model/paths';
import type { EntryOrigin } from '../../model/layer';
import type { CopySpec, PlannedStep } from '../../dockerfile/plan';
import { runsMounts, type AdviceSetting } from './adviceSetting';
import { posixShells, soleHeredoc } from './script';

/**
 * File names that usually contain a secret. They are SSH private keys (the `.pub` halves are
 * public), npm's registry token file, the login file of curl, ftp and git (`.netrc`), git's
 * credential store, dotenv files, PostgreSQL's password file, and the `credentials`
 * files of cloud command-line tools such as `~/.aws/credentials`.
 */
const credentialNames: ReadonlySet<string> = new Set([
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519',
  '.npmrc', '.netrc', '.git-credentials', '.env', '.pgpass',
  'credentials', 'credentials.json',
]);

/**
 * Dotenv files per environment (`.env.local`, `.env.production`), which frameworks such as Next.js
 * and Vite read. The committed templates of them hold no values.
 */
const dotenvVariant = /^\.env\.(?!example$|sample$|template$|dist$)[\w.-]+$/;

/**
 * Extensions of private keys and of key stores (PKCS #12). A `.pem` file may contain only public
 * certificates, so `containsCredential` reads such a file where it can.
 */
const credentialExtensions: readonly string[] = ['.pem', '.key', '.p12', '.pfx'];

/**
 * Paths whose file name alone is too common to tell: Docker keeps registry logins in
 * `.docker/config.json`, and kubectl its cluster credentials in `.kube/config`.
 */
const credentialSuffixes: readonly string[] = ['/.docker/config.json', '/.kube/config'];

/**
 * Tools that read a credential file without naming it, so a RUN that runs one uses the file.
 * Each entry pairs file names with the tools that read them from their usual places.
 */
const implicitReaders: ReadonlyArray<{ names: readonly string[]; tools: readonly string[] }> = [
  { names: ['.npmrc'], tools: ['npm', 'npx', 'yarn', 'pnpm'] },
  { names: ['.netrc'], tools: ['curl', 'wget', 'git'] },
  { names: ['.git-credentials'], tools: ['git'] },
  { names: ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'], tools: ['git', 'ssh', 'scp'] },
  { names: ['config.json'], tools: ['docker'] },
];

/** Commands that change only a file's mode or owner, which is no use of what the file holds. */
const metadataCommands: ReadonlySet<string> = new Set(['chmod', 'chown', 'chgrp']);

/** The same, with the commands that delete a file, for the RUN that deletes it. */
const metadataOrRemovalCommands: ReadonlySet<string> = new Set([...metadataCommands, 'rm', 'unlink', 'shred']);

/** Returns whether `path` (absolute, in the image) looks like a file that contains a credential, by its name alone. */
export function looksLikeCredential(path: string): boolean {
  const name = baseName(path);
  return hasCredentialName(path, name) || hasCredentialExtension(name);
}

/**
 * Returns whether the file at `path` in the image looks like a credential, where `origins` lists
 * where each version of it that the layers store came from. A `.pem` or `.key` file whose every
 * version is a file of the build context at `contextRoot` is read, and contains none when its PEM
 * blocks are all public (certificates, public keys). Other files are judged by their name.
 * NOTE: a named build context's folder is not known here, so its files are judged by name too.
 */
export function containsCredential(path: string, origins: () => ReadonlyArray<EntryOrigin | undefined>, contextRoot: string | undefined): boolean {
  const name = baseName(path);
  if (hasCredentialName(path, name)) return true;
  if (!hasCredentialExtension(name)) return false;
  if (contextRoot === undefined) return true;
  const versions = origins();
  const isPublic = (origin: EntryOrigin | undefined) => origin?.kind === 'context' && origin.context === undefined && isPublicPemFile(contextRoot, origin.path);
  return versions.length === 0 || !versions.every(isPublic);
}

/**
 * Returns whether one of the sources of a COPY or ADD is the file at `path` itself, with no
 * wildcard. `path` is where the file was copied from: relative in a build context, absolute in a
 * stage. A `.dockerignore` line that leaves out such a file makes the copy fail.
 */
export function namesCopySource(spec: CopySpec | undefined, path: string): boolean {
  // Both kinds of path are compared as absolute paths.
  const target = normalizeImagePath(path);
  return spec?.sources.some((source) => !hasWildcard(source) && normalizeImagePath(source) === target) ?? false;
}

/** `name` is the last segment of `path`. */
function hasCredentialName(path: string, name: string): boolean {
  if (credentialNames.has(name) || dotenvVariant.test(name)) return true;
  return credentialSuffixes.some((suffix) => path.endsWith(suffix));
}

function hasCredentialExtension(name: string): boolean {
  return credentialExtensions.some((extension) => name.endsWith(extension) && name.length > extension.length);
}

/**
 * Returns the first of `steps` that is a RUN which uses one of the files at `paths`. A command of
 * its script names the file, other than to change its mode or owner, or runs a tool that reads the
 * credential file without naming it (npm and `.npmrc`). `deleting` is the RUN that deletes the
 * files, where a command that deletes them does not count as a use either.
 * NOTE: the order of the commands is not checked, so `rm .npmrc && npm ci` counts as a use.
 */
export function fileUser(steps: readonly PlannedStep[], paths: readonly string[], deleting?: PlannedStep): PlannedStep | undefined {
  return steps.find((step) => {
    if (step.kind !== 'run') return false;
    const ignored = step === deleting ? metadataOrRemovalCommands : metadataCommands;
    return paths.some((path) => scriptsOf(step).some((script) => commandsOf(script).some((words) => usesFile(words, path, ignored))));
  });
}

/**
 * Returns whether a command in the scripts of the RUN `step` has a word that contains `name`, as
 * the shell splits the script into words. A name in a comment or in a heredoc of data does not count.
 */
export function runNamesFile(step: PlannedStep, name: string): boolean {
  return scriptsOf(step).some((script) => commandsOf(script).some((words) => words.some((word) => word.includes(name))));
}

/**
 * Returns the scripts of a RUN: its line, and its heredoc bodies where a program runs them.
 * BuildKit runs the body of `RUN <<EOF` as the script, and `sh <<EOF` or `cat <<EOF | sh` give a
 * body to a shell. The bodies of other heredocs are data, such as a file that `cat <<EOF > f` writes.
 */
function scriptsOf(step: PlannedStep): string[] {
  const { args, heredocs } = step.instruction;
  const bodies = heredocs.map((heredoc) => heredoc.body);
  if (soleHeredoc(step) !== undefined) return [args, ...bodies];
  const shellReads = commandsOf(args).some((words) => posixShells.has(baseName(programOf(words))));
  return shellReads ? [args, ...bodies] : [args];
}

/** Returns a command's program: its first word that is not an assignment (`A=1 npm ci`). */
function programOf(words: readonly string[]): string {
  return words.find((word) => !/^\w+=/.test(word)) ?? '';
}

function usesFile(words: readonly string[], path: string, ignored: ReadonlySet<string>): boolean {
  const name = baseName(path);
  const program = baseName(programOf(words));
  if (!ignored.has(program) && words.some((word) => word.includes(name))) return true;
  const tools = implicitReaders.filter((reader) => reader.names.includes(name) && (name !== 'config.json' || path.endsWith('/.docker/config.json')));
  return tools.some((reader) => words.some((word) => reader.tools.includes(baseName(word))));
}

/** Characters that end a simple command outside quotes: list and pipe operators, parentheses, backquotes and newlines. */
const commandEnds = new Set([';', '&', '|', '(', ')', '`', '\n']);

/**
 * Splits a shell script into the words of its simple commands, at operators, pipes, parentheses
 * and backquotes, with quotes and backslashes removed as the shell removes them. So `"npm" ci`
 * names npm as `npm ci` does, and `"/root/my key.pem"` stays one word. Comments are dropped.
 * NOTE: expansions stay as written (`$HOME/.npmrc`), and the words of a command substitution
 * count as a command of their own.
 */
function commandsOf(script: string): string[][] {
  const commands: string[][] = [];
  let command: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) command.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (command.length > 0) commands.push(command);
    command = [];
  };
  for (let index = 0; index < script.length; index++) {
    const char = script[index];
    if (char === "'" || char === '"') {
      const close = closingQuote(script, index);
      word = (word ?? '') + unquote(script.slice(index + 1, close), char);
      index = close;
    } else if (char === '\\') {
      // A backslash keeps the next character, and with a newline it joins two lines.
      if (script[index + 1] !== '\n') word = (word ?? '') + (script[index + 1] ?? '');
      index++;
    } else if (char === '#' && word === undefined) {
      while (index + 1 < script.length && script[index + 1] !== '\n') index++;
    } else if (commandEnds.has(char)) endCommand();
    else if (char === ' ' || char === '\t') endWord();
    else word = (word ?? '') + char;
  }
  endCommand();
  return commands;
}

/** Returns the index of the quote that closes the one at `open`, or the script's length when none does. */
function closingQuote(script: string, open: number): number {
  const quote = script[open];
  for (let index = open + 1; index < script.length; index++) {
    if (script[index] === quote) return index;
    if (quote === '"' && script[index] === '\\') index++;
  }
  return script.length;
}

/** Removes the backslashes that quote a character inside double quotes; single quotes keep everything. */
function unquote(text: string, quote: string): string {
  return quote === '"' ? text.replace(/\\([$`"\\\n])/g, (_, char: string) => (char === '\n' ? '' : char)) : text;
}

/**
 * Advises keeping a credential out of every layer: mount it as a build secret for the RUN that
 * reads it, or use it in an earlier stage, where the stage is not already one. The classic
 * builder fails a RUN that has `--mount`, so there the secret mount needs another builder.
 * `sources` are the build context paths the files were copied from, where known.
 */
export function secretRemedy(paths: readonly string[], sources: readonly string[], reader: PlannedStep, setting: AdviceSetting): string {
  const single = paths.length === 1;
  const pronoun = single ? 'it' : 'them';
  // A blank would end the `--secret` and `--mount` values, so the id takes `_` for anything but letters, digits, `.`, `_` and `-`.
  // NOTE: a target path with a blank is written as it is, although the `--mount` value then needs quotes.
  const id = single ? baseName(paths[0]).replace(/^\.+/, '').replace(/[^\w.-]+/g, '_') || 'secret' : 'NAME';
  const mount = `RUN --mount=type=secret,id=${id},target=${single ? paths[0] : 'PATH'}`;
  const stage = setting.copiedFrom ? '' : `, or use ${pronoun} in an earlier stage of a multi-stage build and copy only what that stage produces`;
  const line = reader.instruction.line;
  if (!runsMounts(setting.builder)) {
    return `do not copy ${pronoun}: the classic builder cannot mount build secrets, so build with BuildKit and mount ${pronoun} for the RUN on line ${line} (${mount})${stage}`;
  }
  const source = single && sources.length === 1 ? sources[0] : 'FILE';
  return `do not copy ${pronoun}: mount ${pronoun} as a build secret for the RUN on line ${line} (${mount}, and build with --secret id=${id},src=${source})${stage}`;
}
