/**
 * The build plan: the stages of a Dockerfile, each instruction resolved against the variables
 * and working directory in force before it, and whether it makes a filesystem layer.
 */
import type { AssignedVariable, Problem, StageInfo } from '../analysis/types';
import { hostPlatform, parsePlatform, type Platform } from '../image/platform';
import { joinImagePath } from '../model/paths';
import { capitalize } from '../report/format';
import { stageBuilds } from '../analysis/stageBuilds';
import { isForbiddenTrigger, triggerInstruction, triggerName, type BuildTrigger } from './buildTriggers';
import { builderNames, builderParseRejections, builderRejections, heredocOperators, rejectsWhenParsed, valuelessFlagError, workdirMakesLayer, type BuildahFormat, type BuilderKind } from './builders';
import { buildahVariableFromProblems } from './buildahFrom';
import { droppedBaseShellMessage, keepsBaseShell } from './baseShell';
import { heredocHeader, unknownHeredocLine, type UnknownHeredocLine } from './classicHeredoc';
import { emptyExecError } from './emptyRun';
import { correctedInstruction, flagCorrections, withCorrectedFlags } from './instructionCorrection';
import { closeInstructions } from './instructionNames';
import { closeFlags, flagValue, hasFlag, parseBooleanFlag, unknownFlags, valuelessFlags } from './flags';
import { parseDockerfile, type Heredoc, type ParsedInstruction } from './parse';
import { findUnclosedQuote, quoteErrorTime, readsArgDefault, unclosedQuoteMessage } from './quotes';
import { mountRejections } from './runMounts';
import { GlobalScope, platformArgs, StageScope, type BuildPlatforms } from './scope';
import type { VariableLookup } from './variables';
import { expandWord, expandWords, splitWords } from './words';

/** A COPY or ADD resolved to plain values. */
export interface CopySpec {
  /** Sources as expanded; heredoc sources are listed in `heredocs` instead. */
  sources: string[];
  heredocs: Heredoc[];
  /** The destination as expanded, before resolving against WORKDIR. */
  destination: string;
  /** The destination made absolute against WORKDIR; a trailing `/` is kept. */
  destinationPath: string;
  from: string | null;
  chown: string | null;
  chmod: string | null;
  link: boolean;
  /** `--exclude` patterns (repeatable), in `.dockerignore` syntax. */
  exclude: string[];
  /** `--parents`: sources keep their path from the context root (or from a `/./` mark). */
  parents: boolean;
  /** `ADD --checksum`. */
  checksum: string | null;
  /** `ADD --keep-git-dir`: the `.git` folder of a Git source is kept. */
  keepGitDir: boolean;
  /** `ADD --unpack`: `true` or `false` when given, `null` for the default. */
  unpack: boolean | null;
}

export type StepKind = 'from' | 'copy' | 'add' | 'workdir' | 'run' | 'metadata';

export interface PlannedStep {
  stage: number;
  instruction: ParsedInstruction;
  kind: StepKind;
  emptyLayer: boolean;
  /** WORKDIR in force before the step. */
  workdir: string;
  /** ENV and ARG values in force before the step. */
  variables: ReadonlyMap<string, string>;
  copy?: CopySpec;
  /** For WORKDIR: the absolute directory it sets. */
  workdirPath?: string;
  /**
   * For WORKDIR: whether its path, once expanded, starts at `/` rather than at the folder before
   * it. It is `false` when the path names a variable that has no value in the Dockerfile.
   */
  workdirFromRoot?: boolean;
  /** For ARG: the names that earlier ARG lines of the stage declared, with a value or without one. */
  declaredArgs?: readonly string[];
  /** For ENV and ARG: the variables the line sets, with their values after it. */
  assigned?: AssignedVariable[];
  /**
   * The 1-based line, after this step's own lines, at which the build fails once this step has
   * committed its layer: a heredoc body line that buildah reads as an instruction.
   */
  failsAfter?: number;
  /**
   * For a misspelt instruction or flag that is read as its one correction (`WORKDIRR` read as
   * WORKDIR, `COPY --frm` as `--from`): the keyword as written, while `instruction` contains the
   * correction. For a flag alone it equals `instruction.keyword`.
   */
  writtenKeyword?: string;
  /**
   * Set on a step that runs an ONBUILD trigger of the parent stage or base image right after the
   * FROM. Its `instruction` is the trigger's, placed on the FROM's lines.
   */
  trigger?: BuildTrigger;
  /** Set on a SHELL that the builder ignores (buildah's OCI format), so later RUNs keep `/bin/sh -c`. */
  shellIgnored?: true;
  /**
   * For a FROM of a base image: the shell that its configuration records and the builder keeps
   * (see `keepsBaseShell`), which the stage's shell-form RUNs run under until a SHELL line.
   */
  baseShell?: readonly string[];
}

export interface PlannedStage {
  info: StageInfo;
  steps: PlannedStep[];
  /** The stage's ONBUILD triggers, which run after each FROM of this stage or of its image. */
  onbuild: BuildTrigger[];
}

export interface BuildPlan {
  stages: PlannedStage[];
  /** Index of the target stage, or -1 when the Dockerfile has no stage. */
  target: number;
  problems: Problem[];
  /** The builder whose rules the plan follows. */
  builder: BuilderKind;
}

export interface PlanOptions {
  target?: string;
  /** The option that chose the target, with its value, which a problem about an unknown target names. */
  targetOption?: string;
  buildArgs?: Readonly<Record<string, string>>;
  /** The builder to model; BuildKit by default. */
  builder?: BuilderKind;
  /**
   * Under buildah: the image format it writes, `oci` by default. Only `docker` keeps SHELL and
   * records ONBUILD, so only then do the triggers of a parent stage run.
   */
  buildahFormat?: BuildahFormat;
  /** The platform to build for, as `os/arch[/variant]`; the host's (as `linux/amd64`) by default. */
  platform?: string;
  /** The platform the build runs on, as `os/arch[/variant]`; the host's by default. */
  buildPlatform?: string;
  /** Returns the configuration of a base image by its expanded reference, where the caller read it. */
  baseImages?: (reference: string) => BaseImageConfig | undefined;
}

/**
 * The settings of an image's configuration that the stages built on it start from, as ENV,
 * WORKDIR, USER and SHELL would set them.
 */
export interface BaseImageConfig {
  env: ReadonlyMap<string, string>;
  /** An absolute folder, or `undefined` for `/`. */
  workdir?: string;
  user?: string;
  /** The shell the configuration records (`Shell`), which a Docker-format image built with a SHELL line has. */
  shell?: readonly string[];
  /** The image's ONBUILD triggers (`OnBuild`), which a FROM of it runs. */
  onBuild?: readonly string[];
}

const metadataInstructions = new Set([
  'ENV', 'ARG', 'LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'USER', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'MAINTAINER', 'ONBUILD',
]);

/** Builds the plan of a Dockerfile's text. Problems are collected, never thrown. */
export function planBuild(text: string, options: PlanOptions = {}): BuildPlan {
  const parsed = parseDockerfile(text);
  const kind = options.builder ?? 'buildkit';
  const platformProblems: Problem[] = [];
  const platforms: BuildPlatforms = {
    target: readPlatform(options.platform, 'platform', platformProblems),
    build: readPlatform(options.buildPlatform, 'build platform', platformProblems),
  };
  const predefined = kind === 'classic' ? {} : platformArgs(platforms);
  const builder = new PlanBuilder(parsed.escape, options.buildArgs ?? {}, kind, predefined, options.baseImages, text.split(/\r?\n/), options.buildahFormat ?? 'oci');
  for (const instruction of parsed.instructions) builder.add(instruction);
  const plan = builder.finish();
  plan.problems.push(...parsed.problems, ...platformProblems);
  plan.target = chooseTarget(plan, options.target, options.targetOption);
  settleConversionRejections(plan, builder.conversionRejections);
  plan.problems.push(...buildahVariableFromProblems(plan));
  return plan;
}

class PlanBuilder {
  private readonly stages: PlannedStage[] = [];
  private readonly problems: Problem[] = [];
  private readonly globals: GlobalScope;
  private scope: StageScope | undefined;
  private readonly environments: Array<ReadonlyMap<string, string>> = [];
  private readonly workdirs: string[] = [];
  /** Errors BuildKit finds while it converts a stage, which reject the Dockerfile only when the stage is built. */
  readonly conversionRejections: ConversionRejection[] = [];

  constructor(
    private readonly escape: string,
    private readonly buildArgs: Readonly<Record<string, string>>,
    private readonly builder: BuilderKind,
    predefinedArgs: Readonly<Record<string, string>>,
    private readonly baseImages: ((reference: string) => BaseImageConfig | undefined) | undefined,
    private readonly lines: readonly string[],
    private readonly buildahFormat: BuildahFormat,
  ) {
    this.globals = new GlobalScope(buildArgs, predefinedArgs);
  }

  add(written: ParsedInstruction): void {
    // buildah skips every line but ARG before the first FROM, so nothing else on it can fail the build.
    const skipped = this.builder === 'buildah' && !this.scope && written.keyword !== 'FROM' && written.keyword !== 'ARG';
    if (skipped) return this.reportBeforeFirstFrom(written);
    const corrected = this.readAsCorrection(written);
    this.addRead(corrected ?? written);
    if (corrected) this.lastStep().writtenKeyword = written.keyword;
  }

  /**
   * Reports an unknown instruction that is one edit away from exactly one instruction, and returns
   * it read as that instruction. The builder still fails on the line, but the user fixes the typo
   * next, so the lines below are planned as the corrected Dockerfile would build them. They see
   * the folder of a WORKDIR, the variables of an ENV and the files of a COPY.
   * buildah reads each instruction only when it reaches it, and fails on this step after
   * committing the layers above. So the lines below are not reached there either, and their
   * prediction shows what they would write once the line is fixed: the correction applies for
   * the same reason. Before the first FROM the line is reported as misplaced instead, without a
   * suggestion, so it is not corrected. Nor is a misspelt FROM (`FROB x`), which would start a
   * new stage and change the target: far more than the effect of one line.
   */
  private readAsCorrection(written: ParsedInstruction): ParsedInstruction | undefined {
    const keywordRead = this.readKeywordAsCorrection(written);
    return this.readFlagsAsCorrection(keywordRead ?? written) ?? keywordRead;
  }

  private readKeywordAsCorrection(written: ParsedInstruction): ParsedInstruction | undefined {
    const corrected = this.scope ? correctedInstruction(written) : undefined;
    if (!corrected || corrected.keyword === 'FROM') return undefined;
    this.rejectUnknownInstruction(written, corrected.keyword);
    return corrected;
  }

  /**
   * Reports each unknown flag that is one edit away from exactly one flag of its instruction, and
   * returns the instruction with those flags corrected (`COPY --frm=build` read as `--from=build`),
   * for the same reason as a misspelt instruction. A FROM is not corrected, since its step starts
   * a stage; its unknown flag is reported with the other checks of the line.
   */
  private readFlagsAsCorrection(read: ParsedInstruction): ParsedInstruction | undefined {
    const corrections = this.scope && read.keyword !== 'FROM' ? flagCorrections(read) : undefined;
    if (!corrections) return undefined;
    for (const [flag, readAs] of corrections) this.rejectUnknownFlag(read, flag, readAs);
    return withCorrectedFlags(read, corrections);
  }

  private lastStep(): PlannedStep {
    const steps = this.stages[this.stages.length - 1].steps;
    return steps[steps.length - 1];
  }

  private addRead(parsed: ParsedInstruction): void {
    const buildahHeredoc = this.builder === 'buildah' && parsed.keyword === 'RUN' ? unknownHeredocLine(parsed, this.lines) : undefined;
    // buildah reads the RUN line alone, so its here-documents are empty (see `failAfterBuildahHeredoc`).
    const instruction = buildahHeredoc ? heredocHeader(parsed) : parsed;
    for (const heredoc of instruction.heredocs) {
      if (!heredoc.terminated) this.rejectInstruction(instruction, `The heredoc "${heredoc.name}" has no closing "${heredoc.name}" line. End it with a line that contains only ${heredoc.name}.`);
    }
    const classicHeredoc = this.builder === 'classic' ? unknownHeredocLine(instruction, this.lines) : undefined;
    if (classicHeredoc) this.reject(instruction, classicHeredocMessage(instruction, classicHeredoc));
    // A heredoc the classic parser rejects is reported above, for the whole Dockerfile, and buildah's after the step.
    const judged = classicHeredoc || buildahHeredoc ? { ...instruction, heredocs: [] } : instruction;
    const whenParsed = new Set(builderParseRejections(this.builder, judged));
    for (const reason of builderRejections(this.builder, judged)) {
      if (whenParsed.has(reason)) this.reject(instruction, `${PARSE_REJECTION_LEAD}${reason}. Choose another builder or rewrite the line.`);
      else this.problem(instruction, 'error', `The build fails here: ${reason}. Choose another builder or rewrite the line.`);
    }
    for (const flag of unknownFlags(instruction)) this.rejectUnknownFlag(instruction, flag);
    for (const flag of valuelessFlags(instruction)) this.rejectValuelessFlag(instruction, flag);
    this.checkQuotes(instruction);
    if (instruction.keyword === 'FROM') return this.addFrom(instruction);
    const stage = this.stages[this.stages.length - 1];
    if (!stage || !this.scope) {
      if (instruction.keyword === 'ARG') return this.declareArgs(instruction, (name, value) => this.globals.declare(name, value), this.globals.lookup);
      return this.reportBeforeFirstFrom(instruction);
    }
    stage.steps.push(this.planStep(instruction, stage.info.index, this.scope));
    if (buildahHeredoc) this.failAfterBuildahHeredoc(parsed, buildahHeredoc, stage.steps[stage.steps.length - 1]);
  }

  /**
   * Ends a `RUN <<EOF` as buildah 1.28.2 builds it: it runs the RUN line alone as
   * `/bin/sh -c <<EOF`, with an empty here-document, and commits that layer. Then the build fails
   * at the first body line that is not an instruction. Seen in real builds, whose history records
   * `/bin/sh -c <<EOF`.
   * NOTE: body lines before that one that start with an instruction (`ENV A=1`) run as steps of
   * their own, which the plan leaves out.
   */
  private failAfterBuildahHeredoc(instruction: ParsedInstruction, unknown: UnknownHeredocLine, step: PlannedStep): void {
    step.failsAfter = unknown.line;
    this.problems.push({ line: unknown.line, endLine: unknown.line, severity: 'error', message: buildahHeredocMessage(instruction, unknown) });
  }

  finish(): BuildPlan {
    if (this.stages.length === 0) {
      this.problems.push({ line: 1, endLine: 1, severity: 'error', scope: 'build', message: 'The Dockerfile has no FROM instruction, so it builds no image.' });
    }
    return { stages: this.stages, target: this.stages.length - 1, problems: this.problems, builder: this.builder };
  }

  private addFrom(instruction: ParsedInstruction): void {
    this.saveStageState();
    const words = splitWords(instruction.args, this.escape);
    const base = words[0] ?? '';
    const expanded = this.expand(instruction, base, this.globals.lookup);
    const name = words.length >= 3 && words[1].toUpperCase() === 'AS' ? words[2].toLowerCase() : null;
    if (!base) this.reject(instruction, 'FROM needs an image name, a stage name or "scratch".');
    if (words.length !== 1 && words.length !== 3) this.reject(instruction, 'FROM takes an image and an optional "AS name".');
    const parentStage = this.findStage(expanded);
    const index = this.stages.length;
    const platformFlag = flagValue(instruction.flags, 'platform');
    const info: StageInfo = {
      index, name, base, baseResolved: expanded, parentStage, line: instruction.line,
      platform: platformFlag === null ? null : this.expand(instruction, platformFlag, this.globals.lookup),
    };
    // A base image's configuration starts the stage as its ENV, WORKDIR, USER and SHELL would.
    const baseConfig = parentStage === null && expanded.toLowerCase() !== 'scratch' ? this.baseImages?.(expanded) : undefined;
    if (baseConfig?.user) info.baseUser = baseConfig.user;
    if (baseConfig) info.baseConfigRead = true;
    const inherited = parentStage === null ? new Map(baseConfig?.env ?? []) : this.environments[parentStage];
    this.scope = new StageScope(this.globals, this.buildArgs, inherited);
    const workdir = parentStage === null ? baseConfig?.workdir ?? '/' : this.workdirs[parentStage];
    const emptyLayer = parentStage !== null || expanded.toLowerCase() === 'scratch';
    const variables = new Map(inherited);
    const from: PlannedStep = { stage: index, instruction, kind: 'from', emptyLayer, workdir, variables };
    const baseShell = this.keptBaseShell(instruction, baseConfig?.shell);
    if (baseShell) from.baseShell = baseShell;
    this.stages.push({ info, steps: [from], onbuild: [] });
    this.workdirs.push(workdir);
    if (parentStage === null) this.runTriggers(instruction, (baseConfig?.onBuild ?? []).map((text) => ({ text })));
    else this.runParentStageTriggers(instruction, this.stages[parentStage].onbuild);
  }

  /** Returns the base image's shell where the builder keeps it, and adds an info on the FROM where buildah drops it. */
  private keptBaseShell(from: ParsedInstruction, shell: readonly string[] | undefined): readonly string[] | undefined {
    if (!shell) return undefined;
    if (keepsBaseShell(this.builder, this.buildahFormat)) return shell;
    this.problem(from, 'info', droppedBaseShellMessage(shell));
    return undefined;
  }

  /**
   * Plans the ONBUILD triggers of a parent stage. buildah's default OCI image format has no
   * ONBUILD: buildah 1.28.2 warns "ONBUILD is not supported for OCI image format" on the
   * parent's steps and runs no trigger, so an info names them. With `--format docker` it runs
   * each one as a step with a layer of its own, as the other builders do.
   */
  private runParentStageTriggers(from: ParsedInstruction, triggers: readonly BuildTrigger[]): void {
    if (triggers.length === 0) return;
    if (this.builder === 'buildah' && this.buildahFormat === 'oci') return this.problem(from, 'info', buildahTriggersMessage(triggers.length));
    this.runTriggers(from, triggers);
  }

  /**
   * Plans ONBUILD triggers as the first steps of the new stage. Every builder runs those of a
   * base image whose configuration records them, buildah in either format: buildah 1.28.2 ran
   * them in an OCI-format build on a base it had built with `--format docker`.
   */
  private runTriggers(from: ParsedInstruction, triggers: readonly BuildTrigger[]): void {
    for (const trigger of triggers) {
      const instruction = triggerInstruction(trigger, from);
      if (!instruction) continue;
      const before = this.problems.length;
      if (isForbiddenTrigger(instruction.keyword)) this.rejectInstruction(from, `ONBUILD cannot trigger ${instruction.keyword}; builders reject it.`);
      else this.addRead(instruction);
      this.settleTriggerProblems(this.problems.slice(before), trigger);
      if (!isForbiddenTrigger(instruction.keyword)) this.lastStep().trigger = trigger;
    }
  }

  /**
   * Words the problems of a trigger's step, which lie on the FROM's line, so that they name the
   * trigger. Builders parse a trigger when they reach its FROM, not with the Dockerfile. The
   * classic builder parses it when the FROM runs (`dispatchTriggeredOnBuild`), after the steps
   * before it. BuildKit parses it while it converts the stage, so it rejects the whole Dockerfile
   * only when it builds that stage. So a rejection of the trigger's text fails the FROM's step.
   */
  private settleTriggerProblems(problems: readonly Problem[], trigger: BuildTrigger): void {
    const name = capitalize(triggerName(trigger));
    for (const problem of problems) {
      problem.trigger = trigger;
      if (problem.scope !== 'dockerfile') {
        problem.message = `${name}: ${problem.message}`;
        continue;
      }
      delete problem.scope;
      const reason = `${name}: ${problem.message.replace(PARSE_REJECTION_LEAD, '').replace(WHOLE_DOCKERFILE_REJECTED, '').trim()}`;
      problem.message = `${reason} ${STEP_FAILS}`;
      if (this.builder === 'buildkit') this.conversionRejections.push({ problem, stage: this.stages.length - 1, message: reason });
    }
  }

  /** Keeps the finished stage's ENV and WORKDIR for stages that continue it. */
  private saveStageState(): void {
    if (this.scope && this.stages.length > this.environments.length) this.environments.push(new Map(this.scope.environment()));
  }

  private findStage(reference: string): number | null {
    const lower = reference.toLowerCase();
    const byName = this.stages.findIndex((stage) => stage.info.name === lower);
    if (byName >= 0) return byName;
    if (/^\d+$/.test(reference) && Number(reference) < this.stages.length) return Number(reference);
    return null;
  }

  private planStep(instruction: ParsedInstruction, stage: number, scope: StageScope): PlannedStep {
    const workdir = this.workdirs[stage];
    const keyword = instruction.keyword;
    const step: PlannedStep = { stage, instruction, kind: 'metadata', emptyLayer: true, workdir, variables: scope.snapshot() };
    switch (keyword) {
      case 'RUN':
        this.checkMounts(instruction, stage, workdir, scope);
        this.checkEmptyExec(instruction, stage);
        return { ...step, kind: 'run', emptyLayer: false };
      case 'COPY':
      case 'ADD':
        return { ...step, kind: keyword === 'COPY' ? 'copy' : 'add', emptyLayer: false, copy: this.planCopy(instruction, scope, workdir) };
      case 'WORKDIR':
        return this.planWorkdir(step, scope);
      case 'ENV': {
        const assigned: AssignedVariable[] = [];
        this.assign(instruction, scope.lookup, (name, value, written) => {
          scope.setEnv(name, value ?? '');
          assigned.push({ name, value: value ?? '', written });
        });
        return { ...step, assigned };
      }
      case 'ARG': {
        const declaredArgs = scope.declaredArgs();
        const assigned: AssignedVariable[] = [];
        this.declareArgs(instruction, (name, value, written) => {
          scope.declareArg(name, value);
          assigned.push(argValue(name, written, scope.lookup(name), this.buildArgs));
        }, scope.lookup);
        return { ...step, declaredArgs, assigned };
      }
      case 'ONBUILD':
        this.recordTrigger(instruction, stage);
        return step;
      case 'SHELL':
        return this.planShell(step);
    }
    if (!metadataInstructions.has(keyword)) this.rejectUnknownInstruction(instruction);
    return step;
  }

  private planWorkdir(step: PlannedStep, scope: StageScope): PlannedStep {
    const raw = step.instruction.args.trim();
    if (!raw) this.rejectInstruction(step.instruction, 'WORKDIR needs a path.');
    // A variable with no value here may get one from the base image, so the folder is not known.
    let unset = false;
    const expanded = this.expand(step.instruction, raw, (name) => {
      const value = scope.lookup(name);
      if (value === undefined) unset = true;
      return value;
    });
    const path = joinImagePath(step.workdir, expanded || '.');
    this.workdirs[step.stage] = path;
    const fromRoot = !unset && expanded.startsWith('/');
    return { ...step, kind: 'workdir', emptyLayer: !workdirMakesLayer(this.builder, path), workdirPath: path, workdirFromRoot: fromRoot };
  }

  /**
   * buildah writes the OCI image format by default, which has no Shell field: it warns "SHELL is
   * not supported for OCI image format, [...] will be ignored" and runs the later RUNs under
   * `/bin/sh -c`, as their history records (seen with buildah 1.28.2). So under buildah the step
   * gets an info and a mark for the RUNs after it, unless buildah writes Docker's format
   * (`--format docker`), whose RUNs run under it.
   */
  private planShell(step: PlannedStep): PlannedStep {
    if (this.builder !== 'buildah' || this.buildahFormat === 'docker' || !step.instruction.json) return step;
    this.problem(step.instruction, 'info', BUILDAH_SHELL_MESSAGE);
    return { ...step, shellIgnored: true };
  }

  /** Keeps an ONBUILD trigger for images built from this one; it does nothing in this build. */
  private recordTrigger(instruction: ParsedInstruction, stage: number): void {
    const trigger = instruction.args.trim();
    const keyword = (/^\S+/.exec(trigger)?.[0] ?? '').toUpperCase();
    if (!keyword) return this.rejectInstruction(instruction, 'ONBUILD needs an instruction to run later, such as ONBUILD COPY . /app.');
    if (isForbiddenTrigger(keyword)) return this.rejectInstruction(instruction, `ONBUILD cannot trigger ${keyword}; builders reject it.`);
    this.stages[stage].onbuild.push({ text: trigger, line: instruction.line, endLine: instruction.endLine });
  }

  private planCopy(instruction: ParsedInstruction, scope: StageScope, workdir: string): CopySpec {
    const words = instruction.json ?? splitWords(instruction.args, this.escape);
    const heredocWords = words.filter((word) => /^\d?<<-?["']?[A-Za-z0-9_.-]+["']?$/.test(word));
    const plainWords = instruction.json ? words : words.filter((word) => !heredocWords.includes(word));
    // JSON strings are already unquoted, so only their variables expand.
    const shellWords = instruction.json ? plainWords.map(escapeQuotes) : plainWords;
    const { values, errors } = expandWords(shellWords, scope.lookup, instruction.json ? '\\' : this.escape);
    for (const error of errors) this.problem(instruction, 'error', error);
    const destination = values.length > 0 && (values.length > 1 || heredocWords.length > 0) ? values[values.length - 1] : '';
    // Builders count the words as their parser splits them, at every whitespace run. An open quote fails the step before the expanded words are counted.
    const parserWords = instruction.json ?? instruction.args.trim().split(/\s+/).filter((word) => word !== '');
    if (parserWords.length < 2) this.rejectInstruction(instruction, `${instruction.keyword} needs at least one source and a destination.`);
    else if (!destination && !findUnclosedQuote(instruction, this.escape)) this.problem(instruction, 'error', `${instruction.keyword} needs at least one source and a destination, and its variables leave too few words.`);
    const sources = values.slice(0, -1);
    const keepSlash = destination.endsWith('/') || destination === '.' || destination.endsWith('/.');
    const absolute = joinImagePath(workdir, destination || '.');
    const flag = (name: string) => {
      const value = flagValue(instruction.flags, name);
      return value === null ? null : this.expand(instruction, value, scope.lookup);
    };
    return {
      sources,
      heredocs: instruction.heredocs,
      destination,
      destinationPath: keepSlash && absolute !== '/' ? absolute + '/' : absolute,
      from: flag('from'),
      chown: flag('chown'),
      chmod: flag('chmod'),
      link: hasFlag(instruction.flags, 'link'),
      exclude: instruction.flags.filter((item) => item.name === 'exclude' && item.value !== null).map((item) => this.expand(instruction, item.value as string, scope.lookup)),
      parents: hasFlag(instruction.flags, 'parents'),
      checksum: flag('checksum'),
      keepGitDir: hasFlag(instruction.flags, 'keep-git-dir'),
      unpack: parseBooleanFlag(flag('unpack'), hasFlag(instruction.flags, 'unpack')),
    };
  }

  /** Applies `name=value` pairs (or the legacy `name value`) with values from before the line. */
  private assign(instruction: ParsedInstruction, lookup: VariableLookup, set: (name: string, value: string | undefined, written: string) => void): void {
    const words = splitWords(instruction.args, this.escape);
    if (words.length === 0) return this.rejectInstruction(instruction, `${instruction.keyword} needs at least one name.`);
    if (!words[0].includes('=')) {
      const rest = instruction.args.trim().slice(words[0].length).trim();
      return set(words[0], this.expand(instruction, rest, lookup), rest);
    }
    const pending: Array<[string, string | undefined, string]> = [];
    for (const word of words) {
      const equals = word.indexOf('=');
      if (equals <= 0) {
        this.reject(instruction, `"${word}" is not of the form name=value, so builders reject the whole Dockerfile. Write ${word}=VALUE.`);
        continue;
      }
      pending.push([word.slice(0, equals), this.expand(instruction, word.slice(equals + 1), lookup), word.slice(equals + 1)]);
    }
    for (const [name, value, written] of pending) set(name, value, written);
  }

  private declareArgs(instruction: ParsedInstruction, declare: (name: string, value: string | undefined, written: string | null) => void, lookup: VariableLookup): void {
    for (const word of splitWords(instruction.args, this.escape)) {
      const equals = word.indexOf('=');
      if (equals < 0) declare(word, undefined, null);
      else declare(word.slice(0, equals), this.expand(instruction, word.slice(equals + 1), lookup), word.slice(equals + 1));
    }
  }

  private expand(instruction: ParsedInstruction, word: string, lookup: VariableLookup): string {
    const result = expandWord(word, lookup, this.escape);
    for (const error of result.errors) this.problem(instruction, 'error', `${capitalize(error)}. The build fails on this line.`);
    return result.value;
  }

  /** Reports the first quote left open in a word the builder's lexer reads, at the time the builder fails on it (see `quoteErrorTime`). */
  private checkQuotes(instruction: ParsedInstruction): void {
    const found = findUnclosedQuote(instruction, this.escape);
    if (!found) return;
    if (found.argName !== undefined && !readsArgDefault(this.builder, found.argName, this.buildArgs)) return;
    const message = unclosedQuoteMessage(instruction, found, this.escape);
    const time = quoteErrorTime(this.builder, instruction.keyword, !this.scope && instruction.keyword === 'ARG');
    if (time === 'parse') this.reject(instruction, `${message} ${WHOLE_DOCKERFILE_REJECTED}`);
    else if (time === 'step') this.problem(instruction, 'error', `${message} ${STEP_FAILS}`);
    else this.rejectWhenConverted(instruction, this.stages.length - 1, message);
  }

  private problem(instruction: ParsedInstruction, severity: Problem['severity'], message: string): void {
    this.problems.push({ line: instruction.line, endLine: instruction.endLine, severity, message });
  }

  /** Reports an error that builders find while parsing, so they reject the whole Dockerfile before any step runs. */
  private reject(instruction: ParsedInstruction, message: string): void {
    this.problems.push({ line: instruction.line, endLine: instruction.endLine, severity: 'error', scope: 'dockerfile', message });
  }

  /**
   * Reports an instruction that the builder rejects, at the time it rejects it: BuildKit and the
   * classic builder while parsing, so no step runs, and buildah only when the build reaches the
   * step (see `rejectsWhenParsed`).
   */
  private rejectInstruction(instruction: ParsedInstruction, message: string): void {
    if (rejectsWhenParsed(this.builder, instruction.keyword)) this.reject(instruction, message);
    else this.problem(instruction, 'error', message);
  }

  /** Reports an unknown flag. `readAs` is the flag that the prediction reads it as, if any. */
  private rejectUnknownFlag(instruction: ParsedInstruction, flag: string, readAs?: string): void {
    const close = closeFlags(instruction.keyword, flag);
    const suggested = close.length === 0 ? '' : ` (did you mean ${close.map((name) => `--${name}`).join(' or ')}?)`;
    const message = `${instruction.keyword} has no flag --${flag}${suggested}. Check its spelling.`;
    const reading = readAs === undefined ? '' : ` The prediction reads it as --${readAs}.`;
    if (rejectsWhenParsed(this.builder, instruction.keyword)) this.reject(instruction, `${message}${reading} ${WHOLE_DOCKERFILE_REJECTED}`);
    else this.problem(instruction, 'error', `${message}${reading} ${STEP_FAILS}`);
  }

  /**
   * Reports a flag without a value. buildah 1.28.2 fails at the step, after the earlier steps
   * committed their layers, except on FROM (seen in real builds, see `valuelessFlagError`).
   */
  private rejectValuelessFlag(instruction: ParsedInstruction, flag: string): void {
    const error = valuelessFlagError(this.builder, instruction.keyword, flag);
    const message = `${instruction.keyword} --${flag} needs a value, written --${flag}=VALUE ("${error}").`;
    if (rejectsWhenParsed(this.builder, instruction.keyword)) this.reject(instruction, `${message} ${WHOLE_DOCKERFILE_REJECTED}`);
    else this.problem(instruction, 'error', `${message} ${STEP_FAILS}`);
  }

  /** Reports the `--mount` values the builder rejects, at the time it rejects them (see `mountRejections`). */
  private checkMounts(instruction: ParsedInstruction, stage: number, workdir: string, scope: StageScope): void {
    const values = instruction.flags.filter((flag) => flag.name === 'mount' && flag.value !== null).map((flag) => flag.value as string);
    // BuildKit expands mount values with a backslash escape, whatever the `# escape=` directive sets.
    const expand = (word: string) => expandWord(word, scope.lookup, '\\').value;
    for (const rejection of mountRejections(this.builder, values, workdir, expand)) {
      if (rejection.time === 'parse') this.reject(instruction, `${rejection.message} ${WHOLE_DOCKERFILE_REJECTED}`);
      else if (rejection.time === 'step') this.problem(instruction, 'error', `${rejection.message} ${STEP_FAILS}`);
      else this.rejectWhenConverted(instruction, stage, rejection.message);
    }
  }

  /** Reports an exec-form RUN with no program to start, at the time the builder fails on it (see `emptyExecError`). */
  private checkEmptyExec(instruction: ParsedInstruction, stage: number): void {
    const error = emptyExecError(this.builder, instruction.json);
    if (error?.time === 'step') this.problem(instruction, 'error', `${error.message} ${STEP_FAILS}`);
    else if (error) this.rejectWhenConverted(instruction, stage, error.message);
  }

  /** Reports an error found while converting the stage as a step error. `settleConversionRejections` widens it once the target is known. */
  private rejectWhenConverted(instruction: ParsedInstruction, stage: number, message: string): void {
    const problem: Problem = { line: instruction.line, endLine: instruction.endLine, severity: 'error', message: `${message} ${STEP_FAILS}` };
    this.problems.push(problem);
    this.conversionRejections.push({ problem, stage, message });
  }

  /** Reports an unknown instruction. `readAs` is the instruction that the prediction reads it as, if any. */
  private rejectUnknownInstruction(instruction: ParsedInstruction, readAs?: string): void {
    const quoted = quotedKeyword(instruction.keyword);
    const unknown = `Unknown instruction "${quoted}"${suggestion(instruction.keyword)}.`;
    const reading = readAs === undefined ? 'The other lines are analysed as though this one were absent.' : `The prediction reads this line as ${readAs}.`;
    const rest = `Check its spelling. ${reading}`;
    if (rejectsWhenParsed(this.builder, instruction.keyword)) {
      this.reject(instruction, `${unknown} The builder rejects the whole Dockerfile on it ("unknown instruction: ${quoted}"), so no step runs. ${rest}`);
    } else {
      this.problem(instruction, 'error', `${unknown} ${rest} ${STEP_FAILS}`);
    }
  }

  /**
   * Reports an instruction other than ARG before the first FROM. buildah 1.28 skips it and builds
   * the rest (seen in a real build), while BuildKit and the classic builder reject the Dockerfile.
   */
  private reportBeforeFirstFrom(instruction: ParsedInstruction): void {
    const message = `${quotedKeyword(instruction.keyword)} comes before the first FROM, where only ARG may appear.`;
    const fix = 'Move it after a FROM.';
    if (this.builder === 'buildah') this.problem(instruction, 'warning', `${message} buildah skips it, but BuildKit and the classic builder reject the whole Dockerfile. ${fix}`);
    else this.reject(instruction, `${message} ${fix}`);
  }
}

/** The start of a message about a line that the builder's parser rejects for a reason of its own, which follows. */
const PARSE_REJECTION_LEAD = 'The builder rejects the whole Dockerfile on this line, so no step runs: ';

/** The sentence that ends a message about a line on which the builder rejects the whole Dockerfile. */
const WHOLE_DOCKERFILE_REJECTED = 'The builder rejects the whole Dockerfile on this line, so no step runs.';

/** The sentence that ends a message about a line whose step fails when the build reaches it. */
const STEP_FAILS = 'The build fails at this step.';

/** An error of `rejectWhenConverted`, with the message it gets when the stage is built. */
interface ConversionRejection {
  problem: Problem;
  stage: number;
  message: string;
}

/**
 * Turns each error found while converting a stage that the target needs into a rejection of the
 * whole Dockerfile: BuildKit converts every such stage to LLB before it runs any step. In a stage
 * it skips, the error stays a step error, which the analysis reports as a warning.
 */
function settleConversionRejections(plan: BuildPlan, pending: readonly ConversionRejection[]): void {
  if (pending.length === 0) return;
  const builds = stageBuilds(plan);
  for (const { problem, stage, message } of pending) {
    if (!builds[stage]?.built) continue;
    problem.scope = 'dockerfile';
    problem.message = `${message} ${capitalize(builderNames[plan.builder])} rejects the whole Dockerfile on this line while it converts the stages the target needs, so no step runs.`;
  }
}

/** Says that buildah's default image format drops the SHELL, so RUNs keep the default shell. */
const BUILDAH_SHELL_MESSAGE = 'buildah writes the OCI image format by default, which has no SHELL, so the RUNs after this line still run under /bin/sh -c, as buildah warns ("SHELL is not supported for OCI image format"). BuildKit, the classic builder and buildah --format docker use this SHELL.';

/** Says that buildah's default image format drops the build triggers that the FROM would run. */
function buildahTriggersMessage(count: number): string {
  const skipped = count === 1 ? 'does not run the build trigger (ONBUILD) of its parent' : `runs none of the ${count} build triggers (ONBUILD) of its parent`;
  const run = count === 1 ? 'run it' : 'run them';
  return `buildah writes the OCI image format by default, which has no ONBUILD, so this FROM ${skipped}, as buildah warns ("ONBUILD is not supported for OCI image format"). BuildKit, the classic builder and buildah --format docker ${run} here.`;
}

/** Says how the classic builder rejects a Dockerfile over a heredoc body line it reads as an instruction. */
function classicHeredocMessage(instruction: ParsedInstruction, unknown: UnknownHeredocLine): string {
  const text = unknown.text.length > MAX_SHOWN_KEYWORD ? `${unknown.text.slice(0, MAX_SHOWN_KEYWORD)}…` : unknown.text;
  const keyword = quotedKeyword(unknown.keyword);
  return `The classic builder does not support heredocs: it reads line ${unknown.line} ("${text}") as an instruction and rejects the whole Dockerfile ("unknown instruction: ${keyword}"), so no step runs. Use BuildKit, or write the ${instruction.keyword} without a heredoc.`;
}

/** Says how buildah runs a `RUN <<EOF` and then fails on a body line it reads as an instruction. */
function buildahHeredocMessage(instruction: ParsedInstruction, unknown: UnknownHeredocLine): string {
  const text = quotedKeyword(unknown.text);
  const keyword = quotedKeyword(unknown.keyword);
  return `buildah does not support heredocs (${heredocOperators(instruction)}): it runs line ${instruction.line} as "/bin/sh -c ${instruction.args.trim()}", whose here-document is empty, and commits that layer. Then it reads this line ("${text}") as an instruction ("Unknown instruction: ${keyword}"), so the build fails on this line. Use BuildKit, or write the RUN without a heredoc.`;
}

/** The maximum length of a keyword a message quotes whole: a line of binary data can be thousands of characters. */
const MAX_SHOWN_KEYWORD = 40;

/** Returns a keyword as a message quotes it, cut to `MAX_SHOWN_KEYWORD` characters. */
function quotedKeyword(keyword: string): string {
  return keyword.length <= MAX_SHOWN_KEYWORD ? keyword : `${keyword.slice(0, MAX_SHOWN_KEYWORD)}…`;
}

/** Returns ` (did you mean RUN?)` for a keyword one edit away from known instructions, else nothing. */
function suggestion(keyword: string): string {
  const close = closeInstructions(keyword);
  return close.length === 0 ? '' : ` (did you mean ${close.join(' or ')}?)`;
}

/** Escapes quotes and backslashes so that expansion keeps them as written. */
/** Describes the value that an ARG line leaves for `name`, which a build argument gives unless an earlier ENV of that name wins. */
function argValue(name: string, written: string | null, value: string | undefined, buildArgs: Readonly<Record<string, string>>): AssignedVariable {
  const assigned: AssignedVariable = { name, value: value ?? null, written };
  if (buildArgs[name] !== undefined && buildArgs[name] === value) assigned.buildArg = true;
  return assigned;
}

function escapeQuotes(word: string): string {
  return word.replace(/["'\\]/g, (char) => '\\' + char);
}

/** Parses a platform option; an invalid one becomes a whole-build problem on line 1, and the host's is used. */
function readPlatform(value: string | undefined, label: string, problems: Problem[]): Platform {
  const host = hostPlatform();
  if (value === undefined || value.trim() === '') return parsePlatform(host) as Platform;
  const parsed = parsePlatform(value.trim());
  if (parsed) return parsed;
  problems.push({
    line: 1, endLine: 1, severity: 'error', scope: 'build',
    message: `The ${label} "${value}" is not of the form os/arch[/variant], such as linux/arm64/v8; the host's platform ${host} is used instead.`,
  });
  return parsePlatform(host) as Platform;
}

function chooseTarget(plan: BuildPlan, target: string | undefined, option: string | undefined): number {
  if (target === undefined || target === '') return plan.stages.length - 1;
  const lower = target.toLowerCase();
  const byName = plan.stages.findIndex((stage) => stage.info.name === lower);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(target) && Number(target) < plan.stages.length) return Number(target);
  const names = plan.stages.map((stage) => stage.info.name).filter((name) => name !== null);
  const message = option === undefined
    ? `Target stage "${target}" not found. Stages: ${names.length > 0 ? names.join(', ') : 'none named'}; the last stage is analysed instead.`
    : unknownTargetMessage(plan, option, names);
  plan.problems.push({ line: 1, endLine: 1, severity: 'error', scope: 'build', message });
  return plan.stages.length - 1;
}

/** Words an unknown target that `option` chose: the valid names and indexes, and the stage analysed instead. */
function unknownTargetMessage(plan: BuildPlan, option: string, names: string[]): string {
  const last = plan.stages.length - 1;
  const indexes = last > 0 ? `an index from 0 to ${last}` : 'the index 0';
  const valid = names.length > 0 ? `a stage name (${names.join(', ')}) or ${indexes}` : indexes;
  const lastName = plan.stages[last]?.info.name;
  return `${option} names no stage of the Dockerfile. Give ${valid}. The last stage${lastName ? `, ${lastName},` : ''} is analysed instead.`;
}

/** Lists the stages of the target's chain, root first (`FROM <stage>` links). */
export function stageChain(plan: BuildPlan, target = plan.target): number[] {
  const chain: number[] = [];
  for (let stage: number | null = target; stage !== null && stage >= 0; stage = plan.stages[stage].info.parentStage) {
    if (chain.includes(stage)) break;
    chain.unshift(stage);
  }
  return chain;
}
