/**
 * Predicts the layer of a RUN step by following its shell script over the predicted filesystem.
 * File commands have exact effects; package managers and downloads add unknown content under
 * named folders; a command that is not modelled makes the layer `unknown` and is named in a note.
 */
import type { BuildPlan, PlannedStep } from '../../dockerfile/plan';
import { stageChain } from '../../dockerfile/plan';
import { hasPlanError } from '../../analysis/failedSteps';
import { copiedStages } from '../../analysis/copiedStages';
import { stageBuilds } from '../../analysis/stageBuilds';
import type { StageBuild } from '../../analysis/types';
import { leastCertain, makeLayer } from '../../model/layer';
import type { LayerStack } from '../../model/stack';
import type { FolderOwner } from '../baseImage';
import type { StepPrediction } from '../copy';
import { toAccountFiles, type AccountTexts } from '../imageText';
import type { AccountFiles } from '../ownership';
import { RunAccounts } from './accounts';
import type { ShellNode } from './ast';
import { addNote, type Failure, type RunReport, type ShellState } from './context';
import { Interpreter } from './interpreter';
import { compareWalkOrder, layerEntries } from './layerOutput';
import { buildahLeftovers, createWorkdir, runMounts } from './builderMounts';
import type { BuilderKind } from '../../dockerfile/builders';
import { defaultPath, runBody, runProgram, scriptName, userInForce } from './script';
import { startingCommand, startingOptions } from './shellOptions';
import { checkStart, type StartCheck } from './startCheck';
import { parseScript, syntaxErrorMessage } from './parseScript';
import type { ShellSyntaxError } from './syntaxCheck';
import { shellFlavor, unexpectedWordError, type ShellFlavor } from './commands/shellError';
import { hasNoProgram } from '../../dockerfile/emptyRun';
import { scriptlessShell, scriptlessShellMessage } from './emptyCommand';
import { joinImagePath } from '../../model/paths';
import { loadShellParser, type ShellParser } from './shellParser';
import { isWithin, RunView } from './view';
import { addWasteHints } from './waste';
import { markUnlistedDeletions } from './unlistedDeletions';
import { baseImageVariables } from './commands/packages';
import { shortenLine } from '../../report/format';
import { joinNames } from '../layerWriter';
import { addDoubtNotes } from './doubtNotes';
import { mergeSimilarNotes } from './similarNotes';
import { startingGroup, startingHome, unknownGroupNote } from './startingHome';
import { unknownUserError } from './userLookup';
import { startingPwd } from './workingFolder';

export interface RunContext {
  parser: ShellParser;
  /** The steps whose layers make up the stack below, in build order: step `i` made layer `i`. */
  chain: readonly PlannedStep[];
  /** Whether the step's stage is in the target's chain, so its layers end up in the image; true when absent. */
  inTarget?: boolean;
  /**
   * Whether the builder builds the step's stage for the target; true when absent. A stage it skips
   * gets no waste hints, because no image of this build contains the bytes they would name.
   */
  built?: boolean;
  /** The builder modelled; BuildKit when not given. */
  builder?: BuilderKind;
  /** The build context's folder, where waste hints read whether a `.pem` file contains a key. Files are judged by name when it is absent. */
  contextRoot?: string;
  /** A later stage copies or mounts files from the step's stage, so advice to build in an earlier stage does not apply; false when absent. */
  copiedFrom?: boolean;
  /** The image's `/etc/passwd` and `/etc/group` as predicted, read when a USER names an account. */
  accounts?: AccountFiles;
  /** The same files below the RUN, each with whether only its end is known, read when the script may chown by name. */
  accountTexts?: AccountTexts;
  /** The image reference at the root of the step's chain of stages, as resolved (`scratch` too). */
  baseImage?: string;
  /** The USER that the base image's configuration sets, when it was read. */
  baseUser?: string;
  /** Whether the stage's PATH is known: the chain starts FROM scratch or from an image whose configuration was read. */
  baseEnvKnown?: boolean;
  /** The FROM at the root of the chain fails, so the stack has none of the base image's files and cannot show what the stage has. */
  baseFailed?: boolean;
  /** The owner and mode of `/` when the read base image makes them certain (`KnownImage.rootFolder`). */
  rootFolder?: FolderOwner;
}

/** Loads the shell parser and predicts a RUN step of `plan`. `contextRoot` is the build context's folder. */
export async function predictRunStep(step: PlannedStep, below: LayerStack, plan: BuildPlan, readAccounts?: () => Promise<AccountTexts>, contextRoot?: string, rootFolder?: FolderOwner): Promise<StepPrediction> {
  let parser: ShellParser;
  try {
    parser = await loadShellParser();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { layer: { entries: [], certainty: 'unknown' }, notes: [`RUN commands are not predicted because the shell parser failed to load: ${reason}`], problems: [] };
  }
  const chain = chainBefore(plan, step);
  const root = plan.stages[stageChain(plan, step.stage)[0]].info;
  const named = userInForce(chain, undefined, root.baseUser);
  const namesUser = named.uid === null || named.gid === null;
  // The account files are read for a USER that names an account, for a script that may look names
  // up (chown, chgrp, install -o/-g, `~name`), and for the starting HOME, which comes from
  // /etc/passwd unless an ENV sets it. Any program may read HOME, so the text cannot tell.
  const readsHome = !step.variables.has('HOME');
  const texts = readAccounts && (namesUser || readsHome || looksUpAccounts(step)) ? await readAccounts() : undefined;
  const accounts = namesUser && texts ? toAccountFiles(texts) : undefined;
  const baseImage = root.parentStage === null ? root.baseResolved : undefined;
  const baseFailed = fromFails(plan, chain[0]);
  const baseEnvKnown = root.baseConfigRead === true || (root.parentStage === null && root.baseResolved.toLowerCase() === 'scratch');
  return predictRun(step, below, { parser, chain, inTarget: stageChain(plan).includes(step.stage), built: isStageBuilt(plan, step.stage), builder: plan.builder, contextRoot, copiedFrom: copiedStages(plan).has(step.stage), accounts, accountTexts: texts, baseImage, baseUser: root.baseUser, baseFailed, baseEnvKnown, rootFolder });
}

// Every RUN of a plan needs them, and a plan does not change once made, so its stages' builds are found once.
const planBuilds = new WeakMap<BuildPlan, readonly StageBuild[]>();

/** Returns whether the plan's builder builds `stage` for the target. */
function isStageBuilt(plan: BuildPlan, stage: number): boolean {
  let builds = planBuilds.get(plan);
  if (!builds) {
    builds = stageBuilds(plan);
    planBuilds.set(plan, builds);
  }
  return builds[stage]?.built !== false;
}

/** Returns whether an error of the plan lies on `from`, so that the prediction drops the base image's layer. */
function fromFails(plan: BuildPlan, from: PlannedStep | undefined): boolean {
  return from?.kind === 'from' && hasPlanError(from, plan);
}

/**
 * Returns whether the RUN's text may look names up in the account files: chown, chgrp and
 * install with an owner, or a `~name` that expands to the home folder of a user.
 */
function looksUpAccounts(step: PlannedStep): boolean {
  const texts = [step.instruction.args, ...step.instruction.heredocs.map((heredoc) => heredoc.body)];
  return texts.some((text) => /\bch(own|grp)\b|\binstall\b[^;&|\n]*\s-[a-zA-Z]*[og]\b|\s--(owner|group)\b|~/.test(text));
}

/** Lists the steps before `step` in its stage's chain (parent stages first), in build order. */
export function chainBefore(plan: BuildPlan, step: PlannedStep): PlannedStep[] {
  const steps = stageChain(plan, step.stage).flatMap((stage) => plan.stages[stage].steps);
  const index = steps.indexOf(step);
  return index < 0 ? steps : steps.slice(0, index);
}

/** Notes each cache that is still in the layer when the RUN ends. */
function addRemainingCacheNotes(report: RunReport, view: RunView): void {
  const remaining = view.unknownRootList();
  for (const { root, note } of report.cacheNotes ?? []) {
    if (remaining.some((known) => isWithin(known, root))) addNote(report, note);
  }
}

/** Predicts the layer a RUN step writes on top of `below`. */
export function predictRun(step: PlannedStep, below: LayerStack, context: RunContext): StepPrediction {
  const report: RunReport = { notes: [], problems: [], floor: 'exact', advice: { builder: context.builder ?? 'buildkit', copiedFrom: context.copiedFrom ?? false } };
  const user = userInForce(context.chain, context.accounts, context.baseUser);
  // The builder looks the user up before it starts the RUN's program.
  const lookupError = context.baseFailed ? undefined : unknownUserError(user, context.accounts, below, context.builder ?? 'buildkit');
  if (lookupError) return failingLayer(lookupError);
  const start = context.baseFailed ? undefined : checkRunStart(step, below, context.chain);
  if (start && 'problem' in start) return failingLayer(start.problem);
  if (start) report.notes.push(start.note);
  // The plan reports how each builder fails on an exec form with no program.
  if (hasNoProgram(step.instruction.json)) return { layer: { entries: [], certainty: 'exact' }, notes: [], problems: [] };
  const scriptless = context.baseFailed ? undefined : scriptlessShell(step, context.chain, context.builder ?? 'buildkit');
  if (scriptless) return failingLayer(scriptlessShellMessage(scriptless, shellName(step, context.chain), runShellFlavor(step, below, context), context.builder ?? 'buildkit'));
  const body = runBody(step, context.chain);
  if (body.kind === 'unsupported') return unknownLayer(body.reason);
  const program = body.kind === 'exec' ? execCommand(body.words) : parseRunScript(context.parser, body.text, body.shell, (error) => printedSyntaxError(error, step, below, context));
  if ('layer' in program) return program;
  const view = new RunView(below, runMounts(), context.rootFolder);
  const gid = startingGroup(user, context.accountTexts?.passwd, below, view);
  createWorkdir(context.builder, view, report, step.workdir, user.uid, gid);
  const shell = initialShell(step, { home: startingHome(user, context.accountTexts?.passwd, below, view) }, context.baseImage, view);
  const started = runProgram(step, context.chain);
  const interpreter = new Interpreter({
    view, report, shell, uid: user.uid, gid, accounts: new RunAccounts(view, context.accountTexts ?? {}), scriptName: scriptName(step, context.chain),
    // A BusyBox shell applet starts its errors with the applet's name.
    shellProgram: started?.applet ?? started?.program, shellFlavor: started?.applet === undefined ? undefined : 'busybox',
    pathLookups: checksPath(step, context), shellOptions: startingOptions(step, context.chain), shellCommand: startingCommand(step, context.chain),
    environmentKnown: context.baseEnvKnown === true && !step.instruction.flags.some((flag) => flag.name === 'mount'),
    builder: context.builder,
    parse: (text) => {
      const nested = parseScript(context.parser, text);
      return typeof nested === 'string' || 'syntaxError' in nested ? null : nested;
    },
  });
  if (user.uid === null) report.notes.push(unknownUserNote(user.name, context.accounts));
  else if (context.accounts?.partial && !/^\d+(:\d+)?$/.test(user.name)) {
    report.notes.push(`The user "${user.name}" is found in lines a RUN appended to /etc/passwd, whose earlier content is not known; an earlier line for the same name would win.`);
    report.floor = leastCertain(report.floor, 'estimated');
  }
  const groupNote = unknownGroupNote(user, gid, context.accountTexts?.passwd);
  if (groupNote) report.notes.push(groupNote);
  const outcome = interpreter.runScript(program);
  if (!outcome.status.success && outcome.status.certain) report.problems.push({ severity: 'error', message: failureMessage(report, outcome.failure) });
  else if (!outcome.status.success) report.notes.push(guessedFailureNote(outcome.failure));
  const assumed = [...view.assumedDirectories].sort();
  if (assumed.length > 0) report.notes.push(assumedDirectoriesNote(assumed));
  addRemainingCacheNotes(report, view);
  const listed = layerEntries(view);
  listed.push(...buildahLeftovers(context.builder, below, listed));
  listed.sort((a, b) => compareWalkOrder(a.path, b.path));
  const entries = markUnlistedDeletions(report, listed, below);
  addDoubtNotes(report, entries, below);
  if (context.built !== false) addWasteHints(report, entries, view, below, context.chain, step, context.inTarget ?? true, context.contextRoot);
  return { layer: makeLayer(entries, report.floor), notes: mergeSimilarNotes(report.notes), problems: report.problems };
}

/** Builds the error of a RUN that surely fails, naming the command that fails and the error it prints where known. */
function failureMessage(report: RunReport, failure: Failure | undefined): string {
  const denials = report.permissionDenials ?? [];
  if (denials.length > 0) return `This RUN ends with a non-zero exit status because ${denials.join(' and ')}, so the build fails on this line.`;
  if (failure === undefined) return 'This RUN ends with a non-zero exit status, so the build fails on this line; which command decides that status is not known.';
  const printed = failure.error === undefined ? '' : ` (${failure.error})`;
  const hint = failure.hint === undefined ? '' : ` ${failure.hint}`;
  return `This RUN ends with a non-zero exit status because "${shortenLine(failure.command)}" fails${printed}, so the build fails on this line.${hint}`;
}

/**
 * Returns whether the RUN's shell lookups in PATH can be judged. Its PATH must be known (set by
 * an ENV, or from a known base), and its program must be the shell in force, which a heredoc with
 * a shebang line replaces. A `--mount` may put programs where PATH leads.
 */
function checksPath(step: PlannedStep, context: RunContext): boolean {
  if (step.instruction.flags.some((flag) => flag.name === 'mount')) return false;
  if (runProgram(step, context.chain)?.form !== 'shell') return false;
  // Without a read configuration, a PATH that an ENV sets is known. One that names the base's
  // `$PATH` gets an empty entry from it, which stops the check.
  return context.baseEnvKnown === true || step.variables.has('PATH');
}

/** Builds the note of a RUN whose failure is a guess, naming the command whose exit status is guessed where one decides it. */
function guessedFailureNote(failure: Failure | undefined): string {
  const reason = failure === undefined ? '' : ` because "${shortenLine(failure.command)}" may fail`;
  return `This RUN probably ends with a non-zero exit status${reason}, which would fail the build; the prediction assumes it succeeds.`;
}

/** Checks that the stage below the RUN has the program the builder starts for it. */
function checkRunStart(step: PlannedStep, below: LayerStack, chain: readonly PlannedStep[]): StartCheck {
  const start = runProgram(step, chain);
  return start && checkStart(start.program, start.form, step, new RunView(below, runMounts()));
}

/**
 * Parses a RUN's script, or returns the prediction of a RUN whose script cannot be followed or
 * does not parse. `printed` returns what the shell prints for a syntax error, where known.
 */
function parseRunScript(parser: ShellParser, text: string, shell: string, printed: (error: ShellSyntaxError) => string | undefined): ShellNode | StepPrediction {
  const parsed = parseScript(parser, text);
  if (typeof parsed === 'string') return unknownLayer(parsed);
  if ('syntaxError' in parsed) return failingLayer(syntaxErrorMessage(parsed.syntaxError, text, shell, printed(parsed.syntaxError)));
  return parsed;
}

/** Returns the error that the RUN's shell prints for a word it does not expect, which depends on the shell the image has. */
function printedSyntaxError(error: ShellSyntaxError, step: PlannedStep, below: LayerStack, context: RunContext): string | undefined {
  if (error.unexpectedWord === undefined) return undefined;
  const program = runProgram(step, context.chain)?.program ?? '/bin/sh';
  return unexpectedWordError(program, runShellFlavor(step, below, context), error.line, error.unexpectedWord);
}

/** Returns the flavor of the shell that the RUN starts, read from the image below it. A SHELL that runs a BusyBox shell applet gives BusyBox. */
function runShellFlavor(step: PlannedStep, below: LayerStack, context: RunContext): ShellFlavor {
  const started = runProgram(step, context.chain);
  if (started?.applet !== undefined) return 'busybox';
  const view = new RunView(below, runMounts());
  const report: RunReport = { notes: [], problems: [], floor: 'exact' };
  return shellFlavor({
    name: started?.program ?? '/bin/sh', args: [], view, shell: initialShell(step, { home: null }, context.baseImage, view), stdin: null, reach: 'exact', uid: null, gid: null,
    report, accounts: new RunAccounts(view, {}), resolve: (path) => joinImagePath(step.workdir, path),
  });
}

/** Returns the RUN shell's `$0` as it starts its own errors: the program, or the BusyBox applet that the program runs. */
function shellName(step: PlannedStep, chain: readonly PlannedStep[]): string {
  const started = runProgram(step, chain);
  return started?.applet ?? started?.program ?? '/bin/sh';
}

/** Returns the prediction of a RUN the build fails on before any command runs: no layer, and the error. */
function failingLayer(message: string): StepPrediction {
  return { layer: { entries: [], certainty: 'exact' }, notes: [], problems: [{ severity: 'error', message }] };
}

function unknownLayer(reason: string): StepPrediction {
  return { layer: { entries: [], certainty: 'unknown' }, notes: [`${reason} What this RUN changes is unknown.`], problems: [] };
}

/** Builds the command of an exec-form RUN: its words are taken as they are, with no expansion. */
function execCommand(words: string[]): ShellNode {
  return {
    kind: 'command', assignments: [], redirects: [], text: JSON.stringify(words),
    words: words.map((word) => ({ parts: [{ kind: 'literal', text: word, quoted: true }], text: word })),
  };
}

function initialShell(step: PlannedStep, user: { home: string | null }, baseImage: string | undefined, view: RunView): ShellState {
  const variables = new Map(step.variables);
  const unknownVariables = new Set<string>();
  const pwd = startingPwd(step.workdir, step.variables.get('PWD'), view);
  variables.set('PWD', pwd.value);
  if (!pwd.known) unknownVariables.add('PWD');
  // The base image's ENV is not read, so the few variables of official images the models use stand in for it.
  for (const [name, value] of baseImageVariables(baseImage)) if (!variables.has(name)) variables.set(name, value);
  if (!variables.has('PATH')) variables.set('PATH', defaultPath);
  // The runtime sets HOME to the user's home folder in /etc/passwd unless an ENV sets it.
  if (!variables.has('HOME')) {
    if (user.home !== null) variables.set('HOME', user.home);
    else unknownVariables.add('HOME');
  }
  // The shell starts in the folder that PWD names, so a relative `cd` goes on from the path with
  // symlinks resolved when the shell dropped the WORKDIR as written (see `startingPwd`).
  return { variables, unknownVariables, cwd: pwd.value, errexit: false, noglob: false, lastStatus: 0 };
}

/** Explains why the number of a USER name is unknown: the image's /etc/passwd is unread, or does not list it. */
function unknownUserNote(name: string, accounts: AccountFiles | undefined): string {
  const reason = accounts?.passwd === undefined ? 'which is not read' : 'which does not list it';
  return `USER ${name} is a name; the owner of the files this RUN makes comes from the image's /etc/passwd, ${reason}.`;
}

/** Explains the folders a RUN took to exist although the prediction cannot see them below it. */
function assumedDirectoriesNote(folders: string[]): string {
  const listed = joinNames(folders);
  const verb = folders.length === 1 ? 'exists' : 'exist';
  return `The prediction cannot see whether ${listed} ${verb} below this RUN (the base image is not read, or an earlier step's files are not all known), so it takes ${folders.length === 1 ? 'it' : 'them'} to exist and lists ${folders.length === 1 ? 'it' : 'them'} in this layer, estimated. Without ${folders.length === 1 ? 'it' : 'them'}, the RUN would fail.`;
}
