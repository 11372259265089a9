/**
 * Follows a RUN script the way `sh` runs it: lists, `&&`, `||`, `;`, pipelines, subshells, `if`,
 * `for` over known words, `cd`, `set -e`, variables and redirections. Commands go to their models
 * (`commands/`). When a command's exit status is a guess, what runs because of that guess is
 * marked `estimated`.
 */
import type { Certainty } from '../../model/layer';
import { leastCertain } from '../../model/layer';
import { baseName, joinImagePath } from '../../model/paths';
import type { RunAccounts } from './accounts';
import type { ShellNode } from './ast';
import { markRacedOutputs, raceWithJobs, runJob, settleJobs, type BackgroundJob } from './backgroundJobs';
import { runModel } from './commands';
import { busyboxApplets } from './commands/busyboxApplets';
import { lookUpCommand, missingCommandName } from './commands/notFound';
import { shellFlavor, unsetParameterError, type ShellFlavor } from './commands/shellError';
import { addNote, emptyContent, statusCode, unknownContent, type CommandContext, type Content, type Failure, type RunReport, type ShellState, type Status } from './context';
import { expandSingle, expandWords, type ExpandEnvironment, type Field } from './expand';
import type { BuilderKind } from '../../dockerfile/builders';
import { clearNonEmpty, startHostname } from './hostname';
import { unsetParameter } from './nounset';
import { userHome } from './tilde';
import { scriptIndex } from './script';
import { optionsBeforeScript } from './shellOptions';
import type { RunView } from './view';
import { isMissingApplet, missingApplet } from './builtins/applet';
import { assignVariable, success, type BuiltinContext, type DispatchResult } from './builtins/context';
import { runCd, runPwd, runPwdProgram } from './builtins/directory';
import { exitStatus } from './builtins/exit';
import { applyStartOptions, runSet } from './builtins/set';
import { guessedStart, rejectedStart } from './builtins/shellStart';
import { sourceUnreadFile } from './builtins/source';
import { joinContents } from './joinContents';
import { pipelineStatus, startPipeStatus, type PipelinePart } from './pipelineStatus';
import { inputFrom, openRedirectFiles, routeOutput, type RedirectContext } from './redirects';

/** The result of running a node: its status, whether the script exited, and whether a failure came from a condition. */
export interface Outcome {
  status: Status;
  exited?: boolean;
  /** The failure comes from the left of `&&`/`||` or a negation, which `set -e` ignores. */
  exempt?: boolean;
  /** The command whose failure is this status, where one command decides it. */
  failure?: Failure;
}

export interface InterpreterSetup {
  view: RunView;
  report: RunReport;
  shell: ShellState;
  uid: number | null;
  gid: number | null;
  accounts: RunAccounts;
  /** Parses a nested script (`sh -c '...'`); returns `null` when it cannot be parsed. */
  parse(script: string): ShellNode | null;
  /** The shell's `$0` as the builder starts it (`/bin/sh`), which starts the shell's own errors; `/bin/sh` when absent. */
  shellProgram?: string;
  /** The flavor of the shell that `shellProgram` names, where the SHELL fixes it (`["/bin/busybox", "sh", "-c"]`); else read from the image. */
  shellFlavor?: ShellFlavor;
  /** The script's `$0` (see `scriptName`); unknown when absent. */
  scriptName?: string;
  /**
   * Whether a command that no folder of PATH contains fails as "not found": the RUN runs a shell
   * script, the stage's PATH is known, and no `--mount` may put programs where PATH leads.
   */
  pathLookups?: boolean;
  /** The options the shell starts with, as `set` takes them (`-e` from `SHELL ["/bin/sh", "-ec"]`). */
  shellOptions?: readonly string[];
  /** The words that start the shell up to its script (`/bin/sh -O extglob -c`), which the error of a rejected start option quotes. */
  shellCommand?: readonly string[];
  /**
   * Whether every variable of the RUN's environment is known (the base image's ENV was read and
   * no `--mount` may add one), so that a variable the script has not set is surely unset.
   */
  environmentKnown?: boolean;
  /** The builder modelled, which decides whether HOSTNAME is set. BuildKit when absent. */
  builder?: BuilderKind;
}

export class Interpreter {
  private shell: ShellState;
  private stdin: Content | null = null;
  /** The destination of standard output: a capture for a pipe or a redirected group, else the build log. */
  private capture: Content[] | null = null;
  /** The last command whose exit status was a guess, as written: the note on a guessed branch names it. */
  private lastGuess: string | undefined;
  /** The `$0` of the shell running now: a nested `sh -c` has its own. */
  private shellProgram: string;
  /** The `$0` that the running script expands. */
  private scriptName: Field;
  /** The flavor of the running shell where the SHELL fixes it; a nested `sh -c` is read from the image. */
  private programFlavor: ShellFlavor | undefined;
  /** The background jobs of the running shell that no `wait` has waited for. */
  private jobs: BackgroundJob[] = [];
  /** The jobs of the shells around the running subshell, which may still run as well. */
  private outerJobs: BackgroundJob[] = [];
  /** Captures that a job and a later command both wrote to, so the order of their output is unknown. */
  private readonly racedOutputs = new WeakSet<Content[]>();
  /** The standard input that the running nested shell got from its caller, which bash does not give to a job. */
  private inheritedInput: Content | null = null;

  constructor(private readonly setup: InterpreterSetup) {
    this.shell = setup.shell;
    this.shellProgram = setup.shellProgram ?? '/bin/sh';
    this.programFlavor = setup.shellFlavor;
    this.scriptName = setup.scriptName === undefined ? { value: '', known: false } : { value: setup.scriptName, known: true };
    applyStartOptions(this.shell, setup.shellOptions ?? [], this.flavorOfShell(), this.shellProgram);
    startPipeStatus(this.shell, this.flavorOfShell());
    startHostname(this.shell, setup.builder ?? 'buildkit', this.flavorOfShell());
  }

  /** Runs the RUN's script unless its shell rejects its options, and marks what its unwaited background jobs wrote as estimated. */
  runScript(node: ShellNode): Outcome {
    const rejected = rejectedStart(this.builtinContext(), this.setup.shellOptions ?? [], false, 'exact', this.setup.shellCommand);
    if (rejected) return { status: rejected.status, exited: true, failure: rejected.failure };
    guessedStart(this.builtinContext(), this.setup.shellOptions ?? [], this.setup.shellCommand);
    const outcome = this.run(node);
    settleJobs(this.setup.view, this.setup.report, this.jobs);
    this.jobs = [];
    return outcome;
  }

  /** Runs a node and keeps its exit status as `$?` for the commands after it. */
  run(node: ShellNode, reach: Certainty = 'exact', condition = false): Outcome {
    const outcome = this.runNode(node, reach, condition);
    this.shell.lastStatus = statusCode(outcome.status);
    return outcome;
  }

  private runNode(node: ShellNode, reach: Certainty, condition: boolean): Outcome {
    switch (node.kind) {
      case 'command':
        return this.runCommand(node, reach, condition);
      case 'sequence':
        return this.runSequence(node.items, reach, condition);
      case 'and-or':
        return this.runAndOr(node, reach, condition);
      case 'pipeline':
        return this.runPipeline(node.commands, reach, condition);
      case 'negated': {
        const inner = this.run(node.body, reach, true);
        // A negation fails when its command succeeds, so no command's error explains it.
        const success = !inner.status.success;
        return { status: { success, certain: inner.status.certain, code: success ? 0 : 1 }, exited: inner.exited, exempt: true };
      }
      case 'background':
        return this.runBackground(node, reach);
      case 'subshell':
        return this.withRedirects(node, reach, () => this.inSubshell(() => this.run(node.body, reach, condition)));
      case 'group':
        return this.withRedirects(node, reach, () => this.run(node.body, reach, condition));
      case 'if':
        return this.withRedirects(node, reach, () => this.runIf(node, reach, condition));
      case 'for':
        return this.withRedirects(node, reach, () => this.runFor(node, reach, condition));
      case 'unsupported':
        addNote(this.setup.report, `The script uses ${node.construct} ("${shorten(node.text)}"), which is not followed; what it changes is unknown.`);
        this.setup.report.floor = 'unknown';
        this.lastGuess = node.text;
        return { status: { success: true, certain: false } };
    }
  }

  private runSequence(items: ShellNode[], reach: Certainty, condition: boolean): Outcome {
    let last: Outcome = { status: success };
    let current = reach;
    for (const item of items) {
      last = this.run(item, current, condition);
      if (last.exited) return last;
      if (this.shell.errexit && !condition && !last.exempt) {
        if (!last.status.success) return { status: last.status, exited: true, failure: last.failure };
        if (!last.status.certain) current = this.guessedBranch(current);
      }
    }
    return last;
  }

  private runAndOr(node: Extract<ShellNode, { kind: 'and-or' }>, reach: Certainty, condition: boolean): Outcome {
    const left = this.run(node.left, reach, true);
    if (left.exited) return left;
    const runsRight = node.operator === '&&' ? left.status.success : !left.status.success;
    if (!runsRight) return { status: left.status, exempt: true, failure: left.failure };
    const right = this.run(node.right, left.status.certain ? reach : this.guessedBranch(reach), condition);
    return { ...right, status: { ...right.status, certain: right.status.certain && left.status.certain } };
  }

  private runPipeline(commands: ShellNode[], reach: Certainty, condition: boolean): Outcome {
    const savedInput = this.stdin;
    const savedCapture = this.capture;
    const parts: PipelinePart[] = [];
    for (const [index, command] of commands.entries()) {
      const last = index === commands.length - 1;
      const output: Content[] = [];
      this.capture = last ? savedCapture : output;
      // Each part of a pipeline runs in a subshell, so `cd` or a variable set there does not last.
      parts.push(this.inSubshell(() => this.run(command, reach, condition || !last)));
      this.stdin = last ? savedInput : joinContents(output);
    }
    this.stdin = savedInput;
    this.capture = savedCapture;
    const { status, failure } = pipelineStatus(parts, this.shell.pipefail === true, this.shell.pipefailGuessed === true);
    return { status, failure };
  }

  /**
   * Runs `COMMAND &`. The shell starts the command in a subshell and goes on at once with `$?` set
   * to 0, so neither its status nor `exit` in it ends the script. `set -e` still applies inside the
   * job (dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash alike). What the job changes is estimated
   * unless a `wait` follows (see `backgroundJobs.ts`), because a job still running when the RUN's
   * shell exits may be killed with the build container. `$!` is then set to the job's process ID,
   * which the prediction does not know.
   */
  private runBackground(node: Extract<ShellNode, { kind: 'background' }>, reach: Certainty): Outcome {
    const savedInput = this.stdin;
    this.stdin = this.backgroundInput();
    const job = runJob(this.setup.view, shorten(node.text), () => this.inSubshell(() => this.run(node.body, reach, false)));
    if (this.capture !== null) job.output = { capture: this.capture, length: this.capture.length };
    this.jobs.push(job);
    this.stdin = savedInput;
    assignVariable(this.shell, '!', { value: estimatedProcessId, known: false });
    this.shell.nonEmptyVariables = new Set([...(this.shell.nonEmptyVariables ?? []), '!']);
    return { status: { success: true, certain: true, code: 0 } };
  }

  /**
   * `wait [ID...]`: without operands it waits for every job of the shell and returns 0, so what
   * the jobs wrote is as certain as in the foreground. With operands it returns the status of the
   * last job named, which the prediction does not follow.
   * NOTE: after `wait $!` the job's changes stay estimated and its status is a guess.
   */
  private runWait(args: Field[]): DispatchResult {
    if (args.length > 0) return { status: { success: true, certain: false, code: null } };
    markRacedOutputs(this.jobs, this.racedOutputs);
    this.jobs = [];
    return { status: success };
  }

  /**
   * Returns the standard input of a background job. dash 0.5.12 and BusyBox 1.35 ash give it
   * /dev/null unless the job redirects it. bash 5.2.15 keeps a pipe or a redirected input that its
   * own script set up, but gives /dev/null in place of the input it got from its caller
   * (`echo hi | bash -c 'cat > f & wait'` left f empty).
   */
  private backgroundInput(): Content | null {
    const flavor = this.flavorOfShell();
    // `null` is the RUN's own input, which the builders connect to /dev/null already.
    if (this.stdin === null) return null;
    if (flavor === 'bash' && this.stdin !== this.inheritedInput) return this.stdin;
    return flavor === 'unknown' ? unknownContent : emptyContent;
  }

  private runIf(node: Extract<ShellNode, { kind: 'if' }>, reach: Certainty, condition: boolean): Outcome {
    let current = reach;
    for (const clause of node.clauses) {
      const tested = this.run(clause.condition, current, true);
      if (tested.exited) return tested;
      if (!tested.status.certain) current = this.guessedBranch(current);
      if (tested.status.success) return this.run(clause.body, current, condition);
    }
    return node.otherwise ? this.run(node.otherwise, current, condition) : { status: success };
  }

  private runFor(node: Extract<ShellNode, { kind: 'for' }>, reach: Certainty, condition: boolean): Outcome {
    const expanded = node.values ? expandWords(node.values, this.environment()) : { fields: [], partialGlob: false };
    if (!node.values || expanded.fields.some((field) => !field.known) || expanded.partialGlob) {
      addNote(this.setup.report, `A for loop over "${node.values?.map((value) => value.text).join(' ') ?? '"$@"'}" runs over values this prediction cannot list; what it changes is unknown.`);
      this.setup.report.floor = 'unknown';
      // The loop's own status is the guess, and it has no command text to name.
      this.lastGuess = undefined;
      return { status: { success: true, certain: false } };
    }
    let last: Outcome = { status: success };
    for (const field of expanded.fields) {
      this.shell.variables.set(node.variable, field.value);
      last = this.run(node.body, reach, condition);
      if (last.exited) return last;
    }
    return last;
  }

  /** Lowers the certainty of what runs next after a guessed exit status, and records the command that guessed it. */
  private guessedBranch(reach: Certainty): Certainty {
    const guesses = (this.setup.report.guesses ??= []);
    if (this.lastGuess !== undefined && !guesses.includes(this.lastGuess)) guesses.push(this.lastGuess);
    return leastCertain(reach, 'estimated');
  }

  /** Runs `body` in a copy of the shell. Its background jobs are not the outer shell's, so no outer `wait` waits for them. */
  private inSubshell(body: () => Outcome): Outcome {
    const saved = this.shell;
    const savedJobs = this.jobs;
    const savedOuterJobs = this.outerJobs;
    this.shell = { ...saved, variables: new Map(saved.variables), unknownVariables: new Set(saved.unknownVariables) };
    this.outerJobs = [...savedOuterJobs, ...savedJobs];
    this.jobs = [];
    const outcome = body();
    markRacedOutputs(this.jobs, this.racedOutputs);
    settleJobs(this.setup.view, this.setup.report, this.jobs);
    this.shell = saved;
    this.jobs = savedJobs;
    this.outerJobs = savedOuterJobs;
    return { status: outcome.status, exempt: outcome.exempt, failure: outcome.failure };
  }

  /**
   * Runs a compound command with its standard output captured and sent to its redirects. The shell
   * opens the redirects first, so one that cannot be opened fails the command before its body runs.
   */
  private withRedirects(node: Compound, reach: Certainty, body: () => Outcome): Outcome {
    const redirects = node.redirects;
    if (redirects.length === 0) return body();
    const failed = this.openRedirects(node, reach);
    if (failed) return failed;
    const savedCapture = this.capture;
    const savedInput = this.stdin;
    const output: Content[] = [];
    this.stdin = inputFrom(this.redirectContext(), redirects) ?? this.stdin;
    this.capture = output;
    const outcome = body();
    this.capture = savedCapture;
    this.stdin = savedInput;
    // The jobs still running may write more, but their output so far already races with what followed it.
    markRacedOutputs(this.jobs, this.racedOutputs);
    // The shell opens the redirect before the body runs, so only the text is in doubt.
    const joined = joinContents(output);
    const routed = routeOutput(this.redirectContext(), redirects, this.racedOutputs.has(output) ? { ...joined, estimated: true } : joined, reach, node.source);
    return routed.success ? outcome : { status: routed };
  }

  /**
   * Returns the outcome of a compound command whose redirect the shell surely cannot open,
   * or `undefined` when each may open. BusyBox 1.35 ash ignores that failure under `set -e`,
   * except for a subshell, while dash 0.5.12 and bash 5.2 exit.
   */
  private openRedirects(node: Compound, reach: Certainty): Outcome | undefined {
    const unopened = openRedirectFiles(this.redirectContext(), node.redirects, reach, node.source);
    if (!unopened) return undefined;
    const failure = node.source && { command: node.source.text, error: unopened.error };
    const exempt = this.flavorOfShell() === 'busybox' && node.kind !== 'subshell';
    return { status: { success: false, certain: true }, ...(failure ? { failure } : {}), ...(exempt ? { exempt } : {}) };
  }

  /**
   * Runs a simple command. While background jobs may still run, a command that uses a path a job
   * changes, or changes a path a job uses, gets an estimated status (see `backgroundJobs.ts`).
   */
  private runCommand(node: Extract<ShellNode, { kind: 'command' }>, reach: Certainty, condition: boolean): Outcome {
    const jobs = [...this.outerJobs, ...this.jobs];
    if (jobs.length === 0) return this.runSimpleCommand(node, reach, condition);
    let outcome: Outcome = { status: success };
    const job = raceWithJobs(this.setup.view, jobs, () => {
      outcome = this.runSimpleCommand(node, reach, condition);
    });
    if (!job) return outcome;
    // The command's status is then a guess, which `set -e` turns into a possible end of the RUN.
    const mayStop = this.shell.errexit && !condition ? ' Under `set -e` the shell stops where it fails, so this RUN may fail.' : '';
    addNote(this.setup.report, `"${shorten(node.text)}" may run before or after the background job "${job.text}", which uses the same paths, so its outcome is estimated.${mayStop}`);
    this.lastGuess = node.text;
    return { ...outcome, status: { ...outcome.status, certain: false } };
  }

  private runSimpleCommand(node: Extract<ShellNode, { kind: 'command' }>, reach: Certainty, condition: boolean): Outcome {
    const env = this.environment();
    const unset = this.shell.nounset && this.setup.environmentKnown ? unsetParameter(node, env, this.flavorOfShell()) : undefined;
    if (unset !== undefined) return this.unsetExpansion(node, unset);
    // Only a word with both `=` and `~` needs the shell's flavor, which takes lookups in the image.
    const assignmentArguments = node.words.some((word) => word.text.includes('=') && word.text.includes('~')) && this.isBashOutsidePosixMode();
    const fields = expandWords(node.words, { ...env, assignmentArguments }).fields;
    const assigned = node.assignments.map((assignment) => ({ name: assignment.name, value: assignment.value ? expandSingle(assignment.value, env, 'assignment') : { value: '', known: true } }));
    const lines = node.line === undefined ? undefined : { line: node.line, endLine: node.line };
    // NOTE: an output file that the RUN's user may not write fails only after the command's
    // effects are predicted, although the shell does not run the command.
    const unopened = openRedirectFiles(this.redirectContext(), node.redirects, reach, lines);
    if (unopened) return this.unopenedRedirect(fields, unopened.error);
    if (fields.length === 0) {
      for (const { name, value } of assigned) assignVariable(this.shell, name, value);
      const routed = routeOutput(this.redirectContext(), node.redirects, emptyContent, reach);
      // The status of `X=$(cmd)` is that of cmd, whose number the prediction does not know.
      const substituted = node.assignments.some((assignment) => assignment.value?.parts.some((part) => part.kind === 'unknown'));
      return { status: substituted && routed.success ? { ...routed, code: null } : routed };
    }
    const savedInput = this.stdin;
    this.stdin = inputFrom(this.redirectContext(), node.redirects) ?? this.stdin;
    this.setup.report.commandError = undefined;
    const result = this.dispatch(fields, assigned, reach, condition, { line: node.line });
    const error = this.setup.report.commandError;
    this.stdin = savedInput;
    const command = fields.map((field) => field.value).join(' ');
    if (result.exited) return { ...result, failure: result.status.success ? undefined : (result.failure ?? { command, error }) };
    this.setup.report.commandError = undefined;
    const routed = routeOutput(this.redirectContext(), node.redirects, result.stdout ?? emptyContent, reach, lines);
    const status = routed.success ? result.status : routed;
    if (!status.certain) this.lastGuess = node.text;
    if (status.success) return { status, exempt: result.exempt };
    // A nested script names the command inside it that failed, and a failed redirect is the shell's own error.
    const failure = routed.success ? (result.failure ?? { command, error }) : { command, error: this.setup.report.commandError };
    return { status, exempt: result.exempt, failure };
  }

  /** Returns the outcome of a command that expands the unset variable `name` under `set -u`: the shell exits. */
  private unsetExpansion(node: Extract<ShellNode, { kind: 'command' }>, name: string): Outcome {
    const flavor = this.flavorOfShell();
    const error = unsetParameterError(this.shellProgram, flavor, node.line, name);
    // dash 0.5.12 and BusyBox 1.35 ash exit with 2. bash 5.2.15 exits with 1 where `set -e` is on
    // (also in a condition) and in a subshell, else with 127. The interpreter does not track
    // subshells, so without `set -e` bash's status stays unknown.
    let code: number | null = null;
    if (flavor === 'dash' || flavor === 'busybox') code = 2;
    else if (flavor === 'bash' && this.shell.errexit) code = 1;
    return { status: { success: false, certain: true, code }, exited: true, failure: { command: node.text, error } };
  }

  /**
   * Returns the outcome of a simple command whose redirect the shell cannot open: the command does
   * not run. Checked on dash 0.5.12, bash 5.2 and BusyBox 1.35 ash.
   */
  private unopenedRedirect(fields: Field[], error: string | undefined): Outcome {
    const status: Status = { success: false, certain: true };
    // dash and BusyBox ash skip the assignments of `X=1 > /missing/f`, which bash makes, but
    // tree-sitter-bash 0.25.1 cannot parse that form, so only a bare `> /missing/f` comes here.
    if (fields.length === 0) return { status };
    const failure = { command: fields.map((field) => field.value).join(' '), error };
    // POSIX shells exit when a special builtin's redirect fails (`: > /missing/f || true`), and
    // bash does so only in its POSIX mode.
    const posix = !this.isBashOutsidePosixMode();
    const exited = posix && specialBuiltins.has(fields[0].value);
    return { status, failure, ...(exited ? { exited } : {}) };
  }

  /**
   * Runs shell builtins here, wrappers (`env`, `sudo`, `sh -c`) through their command, the rest
   * through the models. `lookup` is set when the shell itself looks the command up in PATH (not
   * through a wrapper, whose error is worded otherwise), with the command's line in its script.
   */
  private dispatch(fields: Field[], assigned: Array<{ name: string; value: Field }>, reach: Certainty, condition: boolean, lookup?: { line: number | undefined }): DispatchResult {
    const [nameField, ...args] = fields;
    const name = nameField.value;
    if (!nameField.known) {
      addNote(this.setup.report, `The command "${name}" is built from values this prediction cannot know, so what it writes is unknown.`);
      this.setup.report.floor = 'unknown';
      return { status: { success: true, certain: false }, stdout: unknownContent };
    }
    const missing = lookup && this.lookUp(fields, assigned, reach, lookup.line);
    if (missing) return missing;
    const builtin = this.runBuiltin(name, args, reach, condition, lookup?.line, assigned);
    if (builtin) return builtin;
    const shell = this.shell;
    if (assigned.length > 0) {
      this.shell = { ...shell, variables: new Map(shell.variables), unknownVariables: new Set(shell.unknownVariables) };
      for (const { name: variable, value } of assigned) assignVariable(this.shell, variable, value);
    }
    const result = runModel({
      name, args, view: this.setup.view, shell: this.shell, stdin: this.stdin, reach,
      uid: this.setup.uid, gid: this.setup.gid, report: this.setup.report, accounts: this.setup.accounts, resolve: (path) => joinImagePath(this.shell.cwd, path),
    });
    this.shell = shell;
    return result;
  }

  /**
   * Runs `name` as a builtin, or returns `undefined` where it is none. `line` places the command in
   * its script, for the errors that a builtin prints. `assigned` are the command's variable
   * assignments (`X=1 sh -c`), which a nested shell gets in its environment.
   */
  private runBuiltin(name: string, args: Field[], reach: Certainty, condition: boolean, line: number | undefined, assigned: Assignment[]): DispatchResult | undefined {
    if (name.includes('/') && baseName(name) === 'pwd') return runPwdProgram(this.builtinContext(), name, args);
    switch (name) {
      case 'true':
      case ':':
        return { status: success };
      case 'false':
        return { status: { success: false, certain: true, code: 1 } };
      case 'cd':
        return runCd(this.builtinContext(), args, line);
      case 'wait':
        return this.runWait(args);
      case 'read':
      case 'getopts':
        // They set the named variables to values this prediction cannot know; the models run them.
        for (const arg of args) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg.value)) this.shell.unknownVariables.add(arg.value);
        return undefined;
      case 'pwd':
        return runPwd(this.builtinContext(), args);
      case 'command':
        return this.runCommandName(args, reach, line);
      case 'set':
        return runSet(this.builtinContext(), args, line);
      case 'export':
      case 'readonly':
      case 'local':
      case 'declare':
      case 'typeset':
        return { status: success };
      case 'unset':
        for (const arg of args) {
          this.shell.variables.delete(arg.value);
          this.shell.unknownVariables.delete(arg.value);
          clearNonEmpty(this.shell, arg.value);
          // bash leaves its POSIX mode when POSIXLY_CORRECT is unset, also after `set -o posix`.
          if (arg.value === 'POSIXLY_CORRECT') this.shell.posix = false;
        }
        return { status: success };
      case 'exit':
        return { status: exitStatus(this.shell.lastStatus, args[0]), exited: true };
      case 'exec':
      case 'sudo':
      case 'nohup':
      case 'time':
      case 'env':
        return args.length > 0 ? this.runWrapped(name, args, reach, condition) : { status: success, stdout: unknownContent };
      case 'busybox':
      case '/bin/busybox':
        return this.runApplet(name, args, reach, condition);
      case 'sh':
      case 'bash':
      case 'ash':
      case 'dash':
      case '/bin/sh':
      case '/bin/bash':
        return this.runNestedShell(name, args, reach, assigned);
      case '.':
      case 'source':
      case 'eval': {
        const missing = name === 'eval' ? undefined : sourceUnreadFile(this.builtinContext(), name, args, reach, line);
        if (missing) return missing;
        addNote(this.setup.report, `"${name}" runs code this prediction does not read, so what it changes is unknown.`);
        this.setup.report.floor = 'unknown';
        return { status: { success: true, certain: false } };
      }
      default:
        return undefined;
    }
  }

  /** `env A=1 cmd`, `sudo cmd`, `exec cmd`: runs the wrapped command. */
  private runWrapped(name: string, args: Field[], reach: Certainty, condition: boolean): DispatchResult {
    const rest = [...args];
    const assigned: Array<{ name: string; value: Field }> = [];
    while (rest.length > 0 && (rest[0].value.startsWith('-') || (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0].value)))) {
      const option = rest.shift() as Field;
      const equals = option.value.indexOf('=');
      if (name === 'env' && equals > 0 && !option.value.startsWith('-')) assigned.push({ name: option.value.slice(0, equals), value: { value: option.value.slice(equals + 1), known: option.known } });
    }
    if (rest.length === 0) return { status: success, stdout: unknownContent };
    const result = this.dispatch(rest, assigned, reach, condition);
    return name === 'exec' ? { ...result, exited: true } : result;
  }

  /**
   * `busybox APPLET args`: runs the applet as the command of that name, with no PATH lookup.
   * A name that no BusyBox release has fails (see `missingApplet`). Returns `undefined` for
   * BusyBox's own options (`--install`) and for a path, which the models then take as an
   * unmodelled `busybox`.
   * NOTE: the models read the tool's flavor from the program that PATH gives for the applet's
   * name, so where no such program exists they take it to be unknown, not BusyBox.
   */
  private runApplet(name: string, args: Field[], reach: Certainty, condition: boolean): DispatchResult | undefined {
    const applet = args[0];
    if (!applet?.known) return undefined;
    if (isMissingApplet(applet.value)) return missingApplet(name, args, reach);
    if (!busyboxApplets.has(applet.value)) return undefined;
    return this.dispatch(args, [], reach, condition);
  }

  /**
   * `sh -c [options] 'script' [name]`: parses the script and runs it in a subshell, which starts
   * its errors with `name`, the command as written. Its `$0` is the word after the script, else `name`.
   */
  private runNestedShell(name: string, args: Field[], reach: Certainty, assigned: Assignment[]): DispatchResult {
    const saved = { program: this.shellProgram, scriptName: this.scriptName, flavor: this.programFlavor };
    const flag = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg.value));
    const script = flag >= 0 ? scriptIndex(args.map((arg) => arg.value), flag) : -1;
    this.shellProgram = name;
    this.scriptName = (script >= 0 ? args[script + 1] : undefined) ?? { value: name, known: true };
    this.programFlavor = undefined;
    const result = this.runNestedScript(args, flag, script, reach, assigned);
    this.shellProgram = saved.program;
    this.scriptName = saved.scriptName;
    this.programFlavor = saved.flavor;
    return result;
  }

  /**
   * Runs the script at index `scriptAt` of `args`, which the `-c` option at `flag` gives, or else
   * the script piped in, with the options before it (`sh -ec`, `bash -e -u -c`, `sh -c -e`, `sh -e`
   * reading a pipe).
   */
  private runNestedScript(args: Field[], flag: number, scriptAt: number, reach: Certainty, assigned: Assignment[]): DispatchResult {
    const words = args.map((arg) => arg.value);
    const options = flag >= 0 ? optionsBeforeScript(words, 0, flag) : words;
    const written = flag >= 0 ? words.slice(0, scriptAt) : words;
    const command = [this.shellProgram, ...written];
    const rejected = rejectedStart(this.builtinContext(), options, flag >= 0 && scriptAt >= args.length, reach, command);
    if (rejected) return rejected;
    // A shell of unknown kind may reject such an option and exit, so the status is a guess.
    const guessed = guessedStart(this.builtinContext(), options, command);
    const result = this.runNestedBody(args, scriptAt, options, reach, assigned);
    return guessed ? { ...result, status: { ...result.status, certain: false } } : result;
  }

  /** Runs the script at index `scriptAt` of `args`, or else the script piped in, in a new shell with `options` set. */
  private runNestedBody(args: Field[], scriptAt: number, options: string[], reach: Certainty, assigned: Assignment[]): DispatchResult {
    const script = scriptAt >= 0 ? args[scriptAt] : undefined;
    if (!script) {
      const piped = this.stdin?.text;
      if (piped === undefined || piped === null) {
        addNote(this.setup.report, 'A shell reads a script this prediction cannot see (from a file or a download), so what it changes is unknown.');
        this.setup.report.floor = 'unknown';
        return { status: { success: true, certain: false } };
      }
      return this.runScriptText(piped, options, reach, assigned);
    }
    if (!script.known) {
      addNote(this.setup.report, `The script "${shorten(script.value)}" is built from values this prediction cannot know, so what it changes is unknown.`);
      this.setup.report.floor = 'unknown';
      return { status: { success: true, certain: false } };
    }
    return this.runScriptText(script.value, options, reach, assigned);
  }

  /**
   * Runs a nested script in a new shell with `options` set, and returns its status and output. The
   * new shell starts with `$?` at 0 and none of the outer shell's options, and `set -e` in it
   * applies even where the outer shell runs it as a condition (`sh -ec '...' || true`).
   * NOTE: the new shell gets all of the outer shell's variables here, although it gets only the exported ones in a build.
   */
  private runScriptText(text: string, options: string[], reach: Certainty, assigned: Assignment[]): DispatchResult {
    const node = this.setup.parse(text);
    if (!node) {
      addNote(this.setup.report, `The nested script "${shorten(text)}" could not be parsed, so what it changes is unknown.`);
      this.setup.report.floor = 'unknown';
      return { status: { success: true, certain: false } };
    }
    const savedCapture = this.capture;
    const savedInherited = this.inheritedInput;
    const output: Content[] = [];
    this.capture = output;
    this.inheritedInput = this.stdin;
    const outcome = this.inSubshell(() => {
      Object.assign(this.shell, { errexit: false, nounset: false, noglob: false, posix: false, pipefail: false, pipefailGuessed: false, lastStatus: 0 });
      for (const { name, value } of assigned) assignVariable(this.shell, name, value);
      // A new shell has started no job, so its `$!` is unset.
      this.shell.variables.delete('!');
      this.shell.unknownVariables.delete('!');
      clearNonEmpty(this.shell, '!');
      applyStartOptions(this.shell, options, this.flavorOfShell(), this.shellProgram);
      startPipeStatus(this.shell, this.flavorOfShell());
      return this.run(node, reach, false);
    });
    this.capture = savedCapture;
    this.inheritedInput = savedInherited;
    return { status: outcome.status, failure: outcome.failure, stdout: joinContents(output) };
  }

  /**
   * Returns the result of a command that the shell finds no program for in PATH, or `undefined`
   * when it may find one. A `PATH=` prefix changes the search, as in dash 0.5.12 and bash 5.2.
   */
  private lookUp(fields: Field[], assigned: Array<{ name: string; value: Field }>, reach: Certainty, line: number | undefined): DispatchResult | undefined {
    if (!this.setup.pathLookups) return undefined;
    const shell = { ...this.shell, variables: new Map(this.shell.variables), unknownVariables: new Set(this.shell.unknownVariables) };
    for (const { name: variable, value } of assigned) assignVariable(shell, variable, value);
    const [nameField, ...args] = fields;
    return lookUpCommand(this.commandContext(nameField.value, args, shell, reach), this.flavorOfShell(), this.shellProgram, line);
  }

  /**
   * `command -v NAME`: fails where the shell surely finds no program for NAME (see
   * `missingCommandName`). Other forms and names that may be found are left to the generic model
   * of a read-only command, which guesses that they succeed.
   */
  private runCommandName(args: Field[], reach: Certainty, line: number | undefined): DispatchResult | undefined {
    const [first, ...rest] = args;
    if (first?.value === '.' || first?.value === 'source') return sourceUnreadFile(this.builtinContext(), first.value, rest, reach, line, true);
    if (!this.setup.pathLookups || args.length !== 2 || args[0].value !== '-v' || !args[1].known) return undefined;
    return missingCommandName(this.commandContext(args[1].value, [], this.shell, reach), this.flavorOfShell());
  }

  /**
   * Returns whether the running shell is bash outside its POSIX mode. bash 5.2.15 takes that mode
   * when started as `sh`, with `--posix` or `-o posix`, after `set -o posix`, and while the
   * variable POSIXLY_CORRECT is set, even to an empty value and without `export`.
   */
  private isBashOutsidePosixMode(): boolean {
    const shell = this.shell;
    if (shell.posix || shell.variables.has('POSIXLY_CORRECT')) return false;
    return this.flavorOfShell() === 'bash' && baseName(this.shellProgram) !== 'sh';
  }

  /** Builds the context that a builtin runs in. */
  private builtinContext(): BuiltinContext {
    return {
      view: this.setup.view, report: this.setup.report, shell: this.shell, program: this.shellProgram,
      flavor: () => this.flavorOfShell(), bashOutsidePosix: () => this.isBashOutsidePosixMode(),
    };
  }

  /** Builds the context in which a command's redirects open their files. */
  private redirectContext(): RedirectContext {
    return {
      ...this.builtinContext(), capture: this.capture, environment: () => this.environment(),
      writerContext: (reach) => this.commandContext('sh', [], this.shell, reach),
    };
  }

  /** Returns which shell the running `$0` is in the image. */
  private flavorOfShell(): ShellFlavor {
    if (this.programFlavor !== undefined) return this.programFlavor;
    const shell = this.shellProgram;
    return shellFlavor(this.commandContext(shell, [], this.shell, 'exact'));
  }

  /** Builds the context of a command named `name` that runs in `shell` and reads no standard input. */
  private commandContext(name: string, args: Field[], shell: ShellState, reach: Certainty): CommandContext {
    return {
      name, args, view: this.setup.view, shell, stdin: null, reach, uid: this.setup.uid, gid: this.setup.gid,
      report: this.setup.report, accounts: this.setup.accounts, resolve: (value: string) => joinImagePath(shell.cwd, value),
    };
  }

  private environment(): ExpandEnvironment {
    const shell = this.shell;
    return { variables: shell.variables, unknownVariables: shell.unknownVariables, nonEmptyVariables: shell.nonEmptyVariables, scriptName: this.scriptName, lastStatus: shell.lastStatus, cwd: shell.cwd, view: this.setup.view, glob: !shell.noglob, userHome: (name: string) => userHome(this.setup.accounts, name) };
  }
}

/** A stand-in for a background job's process ID, for the estimated sizes of files that contain `$!`. */
const estimatedProcessId = '100';

/** The POSIX special builtins, whose redirect error exits a POSIX shell. */
const specialBuiltins = new Set(['break', ':', 'continue', '.', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);

/** A variable assignment before a command's name (`X=1 sh -c`). */
type Assignment = { name: string; value: Field };

/** The compound commands that take redirects. */
type Compound = Extract<ShellNode, { kind: 'subshell' | 'group' | 'if' | 'for' }>;

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? line.slice(0, 57) + '...' : line;
}
