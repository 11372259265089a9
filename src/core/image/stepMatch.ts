/**
 * Compares what a history entry records with a planned Dockerfile step, in the form the entry's
 * builder writes: expanded or as written, with or without flags, with hashes in place of COPY
 * sources (see `historyForms.ts`).
 */
import type { ParsedInstruction } from '../dockerfile/parse';
import type { PlannedStep } from '../dockerfile/plan';
import { expandWords, splitWords } from '../dockerfile/words';
import type { HistoryBuilder, RecordedInstruction } from './historyForms';
import { DEFAULT_SHELL, recordsInvocation } from './recordedRun';

/** `exact`: the recorded text fits the line. `changed`: only the instruction keyword does. */
export type MatchQuality = 'exact' | 'changed';

/**
 * Returns how well `recorded` fits `step`, or `null` when the keywords differ. `shell` is the
 * SHELL in force at the step (see `shellsInForce`), or `undefined` where the plan does not show it.
 */
export function matchStep(recorded: RecordedInstruction, step: PlannedStep, shell?: readonly string[]): MatchQuality | null {
  if (recorded.keyword === null || recorded.keyword !== step.instruction.keyword) return null;
  return recordsStep(recorded, step, shell) ? 'exact' : 'changed';
}

/**
 * Returns whether `builder` may build `step` without writing a history entry for it: kaniko
 * writes entries only for steps that changed the filesystem, and BuildKit writes none for ONBUILD.
 */
export function mayOmitStep(builder: HistoryBuilder | null, step: PlannedStep): boolean {
  if (builder === 'kaniko') return step.kind === 'metadata' || step.kind === 'workdir';
  if (builder === 'buildkit') return step.instruction.keyword === 'ONBUILD';
  return false;
}

function recordsStep(recorded: RecordedInstruction, step: PlannedStep, shell: readonly string[] | undefined): boolean {
  switch (step.instruction.keyword) {
    case 'RUN':
      return recordsRun(recorded, step, shell);
    case 'COPY':
    case 'ADD':
      return recordsCopy(recorded, step);
    case 'WORKDIR':
      return sameText(recorded.body, [step.workdirPath ?? '', step.instruction.args]);
    case 'ARG':
      if (recorded.builder === 'buildah') return recordsBuildahArg(recorded.body, step);
      return recordsArgNames(recorded.body, argNames(step.instruction.args));
    case 'HEALTHCHECK':
      // Docker and BuildKit record a Go struct dump that keeps none of the written text.
      // NOTE: so their HEALTHCHECK entries match any HEALTHCHECK line.
      return recorded.builder === 'classic' || recorded.builder === 'buildkit' || sameTokens(recorded.body, step);
    default:
      return sameTokens(recorded.body, step);
  }
}

/**
 * Compares a RUN entry with the command the step runs. With the SHELL in force known, the entry
 * must record that shell's words, as the classic builder and BuildKit write them, or the
 * `/bin/sh -c` that buildah 1.28 writes under any SHELL. Without it, any shell the entry starts
 * with is accepted.
 */
function recordsRun(recorded: RecordedInstruction, step: PlannedStep, shell: readonly string[] | undefined): boolean {
  const { json, args } = step.instruction;
  if (recorded.builder === 'kaniko') return sameText(recorded.body, [args]);
  if (json === null) {
    if (shell === undefined) return recorded.shellForm === true && sameText(recorded.command ?? '', [args]);
    const shells = recorded.builder === 'buildah' ? [DEFAULT_SHELL, shell] : [shell];
    return shells.some((words) => recordsInvocation(recorded.body, recorded.builder, `${words.join(' ')} ${args}`));
  }
  // buildah 1.28 writes `/bin/sh -c` and the line's text after `RUN` (`getCreatedBy` in its
  // imagebuildah/stage_executor.go), so an exec form keeps its JSON as written.
  if (recorded.builder === 'buildah') return recordsInvocation(recorded.body, recorded.builder, `${DEFAULT_SHELL.join(' ')} ${writtenWithFlags(step.instruction)}`);
  // The classic builder and BuildKit record an exec-form RUN as its words joined, so a leading `sh -c` is one of those words.
  const words = json.join(' ');
  return sameText(recorded.command ?? '', [words]) || recordsInvocation(recorded.body, recorded.builder, words);
}

/**
 * The proxy variables that buildah allows as build arguments without an ARG line
 * (`builtinAllowedBuildArgs`), so a `--build-arg` value for one of them is in every ARG entry
 * (seen with HTTP_PROXY in a real buildah 1.28.2 build).
 */
const BUILDAH_PROXY_ARGS = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy']);

/**
 * buildah 1.28 records an ARG line as the sorted names of the stage's build arguments that have a
 * value so far (`getBuildArgsKey` in its imagebuildah/stage_executor.go, and seen in real builds),
 * not as the line reads. `ARG APP=widget` after `ARG VERSION=1.2.3` is recorded as
 * `ARG APP VERSION`. An ARG without a default adds its name only when the name gets a value
 * elsewhere: from `--build-arg`, a global ARG or the platform. So the entry fits the line when it
 * names every argument the line gives a default, and each name it lists is declared by this or an
 * earlier ARG line of the stage, or is a proxy variable.
 */
function recordsBuildahArg(body: string, step: PlannedStep): boolean {
  const recorded = splitWords(body);
  const written = splitWords(step.instruction.args);
  const defaulted = written.filter((word) => word.includes('=')).map((word) => word.split('=', 1)[0]);
  const declared = new Set([...(step.declaredArgs ?? []), ...argNames(step.instruction.args)]);
  return defaulted.every((name) => recorded.includes(name)) && recorded.every((name) => declared.has(name) || BUILDAH_PROXY_ARGS.has(name));
}

function recordsCopy(recorded: RecordedInstruction, step: PlannedStep): boolean {
  const copy = step.copy;
  if (!copy) return false;
  if (recorded.builder === 'buildkit') {
    const flags = [hasFlag(step, 'parents') ? '--parents' : '', copy.chown ? `--chown=${copy.chown}` : '', copy.chmod ? `--chmod=${copy.chmod}` : ''];
    const expected = [...flags, ...copy.sources, ...copy.heredocs.map((heredoc) => `<<${heredoc.name}`), copy.destination];
    return sameText(recorded.body, [expected.filter(Boolean).join(' ')]);
  }
  if (recorded.builder === 'kaniko') return sameText(recorded.body, [writtenWithFlags(step.instruction)]);
  const described = describedCopy(recorded.body);
  if (!described) return false;
  // The classic builder writes the expanded destination and the --chown value. buildah writes
  // the destination as written and no flags.
  if (recorded.builder === 'classic' && described.chown !== (copy.chown ?? '')) return false;
  return sameText(described.destination, [copy.destination, rawDestination(step)]);
}

/** Reads `[--chown=X]file:HASH in DEST ` (no space after the chown value, as Docker writes it). */
function describedCopy(body: string): { chown: string; destination: string } | undefined {
  const match = /^(?:--chown=(.*?))?(?:file|dir|multi):[0-9a-f]{64} in ([\s\S]*)$/.exec(body)
    ?? /^(?:--chown=(\S*)\s+)?[\s\S]*? in ([\s\S]*)$/.exec(body);
  return match ? { chown: match[1] ?? '', destination: match[2].trim() } : undefined;
}

function rawDestination(step: PlannedStep): string {
  const { json, args } = step.instruction;
  const words = json ?? splitWords(args);
  return words[words.length - 1] ?? '';
}

/** Returns an instruction's flags and arguments as written, without its keyword. */
export function writtenWithFlags(instruction: ParsedInstruction): string {
  const flags = instruction.flags.map((flag) => (flag.value === null ? `--${flag.name}` : `--${flag.name}=${flag.value}`));
  return [...flags, instruction.args].join(' ');
}

function hasFlag(step: PlannedStep, name: string): boolean {
  return step.instruction.flags.some((flag) => flag.name === name);
}

/**
 * Compares metadata arguments word by word, ignoring quotes, brackets, commas and `=`: the
 * classic builder drops LABEL quotes and writes JSON lists as Go does (`["a" "b"]`), and records
 * a shell-form CMD or ENTRYPOINT with its shell in front.
 */
function sameTokens(recorded: string, step: PlannedStep): boolean {
  const actual = tokens(recorded);
  const written = tokens(step.instruction.args);
  // buildah and kaniko keep flags such as HEALTHCHECK's --interval in the recorded text.
  const candidates = [written, tokens(expandedArgs(step)), tokens(writtenWithFlags(step.instruction))];
  if (candidates.some((candidate) => sameList(actual, candidate))) return true;
  const keyword = step.instruction.keyword;
  return (keyword === 'CMD' || keyword === 'ENTRYPOINT') && step.instruction.json === null && endsWithList(actual, written);
}

function expandedArgs(step: PlannedStep): string {
  // NOTE: expands with the default escape character; a Dockerfile with `# escape=`` differs.
  const words = splitWords(step.instruction.args);
  return expandWords(words, (name) => step.variables.get(name)).values.join(' ');
}

function tokens(text: string): string[] {
  return text.replace(/["'[\],]/g, ' ').split(/[\s=]+/).filter(Boolean);
}

/**
 * Returns whether an ARG entry names `names`, in order, each alone or with a value. The classic
 * builder writes the values unquoted (`ARG Q=a b` for `ARG Q="a b"`), so a value may contain
 * spaces and is not split into words.
 */
function recordsArgNames(body: string, names: readonly string[]): boolean {
  const text = body.trim();
  let start = 0;
  for (const [index, name] of names.entries()) {
    if (!text.startsWith(name, start)) return false;
    const after = start + name.length;
    const next = index + 1 < names.length ? nameStart(text, names[index + 1], after) : text.length;
    if (next < 0) return false;
    // Between this name and the next comes nothing, or `=` and a value that may contain spaces.
    const rest = text.slice(after, next).trimEnd();
    if (rest !== '' && !rest.startsWith('=')) return false;
    start = next;
  }
  return start === text.length;
}

/** Finds the first `name` after `from` that starts a word and ends at `=`, whitespace or the end. */
function nameStart(text: string, name: string, from: number): number {
  for (let at = text.indexOf(name, from); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = text[at + name.length];
    if (at > from && /\s/.test(text[at - 1]) && (end === undefined || end === '=' || /\s/.test(end))) return at;
  }
  return -1;
}

function argNames(text: string): string[] {
  return splitWords(text).map((word) => word.split('=', 1)[0]);
}

function sameText(recorded: string, candidates: string[]): boolean {
  const actual = collapse(recorded);
  return candidates.some((candidate) => candidate !== '' && collapse(candidate) === actual);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function endsWithList(list: string[], tail: string[]): boolean {
  return tail.length > 0 && list.length >= tail.length && sameList(list.slice(list.length - tail.length), tail);
}
