/** The result of analysing a Dockerfile: its stages, the target's steps and their layers. */
import type { Certainty, EntryOrigin } from '../model/layer';
import type { ContextProblem } from '../context/types';
import type { BuilderKind } from '../dockerfile/builders';
import type { BuildTrigger } from '../dockerfile/buildTriggers';
import type { LayerStack } from '../model/stack';

export type Severity = 'error' | 'warning' | 'info';

/**
 * `waste` marks a waste hint: a step deletes, moves or only changes the metadata of files that an
 * earlier layer holds, so the image keeps their bytes. A team may accept that, so editors may hide
 * these hints on request. `credential` marks a waste hint whose deleted files look like
 * credentials, which anyone who pulls the image can read, so it is not hidden with the others.
 */
export type ProblemKind = 'waste' | 'credential';

/** A problem found on a Dockerfile line; the analysis goes on around it. */
export interface Problem {
  /** 1-based first line. */
  line: number;
  /** 1-based last line (inclusive). */
  endLine: number;
  severity: Severity;
  message: string;
  kind?: ProblemKind;
  /** For a waste hint: the earlier step that wrote the paths this step deletes or copies up. */
  writtenBy?: WrittenBy;
  /**
   * `build` for a problem about the whole build rather than an instruction, such as an unknown
   * target or platform. Such a problem is reported on line 1 but marks no step there as failed.
   * `dockerfile` for an error on its line that builders find while parsing, so they reject the
   * whole Dockerfile and no step runs.
   */
  scope?: 'build' | 'dockerfile';
  /** Set on a warning that was the error of a step in a stage the builder skips: a build of that stage fails there. */
  failsIfBuilt?: true;
  /** Set on a problem of a step that runs an ONBUILD trigger: the trigger. The problem lies on the FROM's lines but concerns that step alone. */
  trigger?: BuildTrigger;
}

/** The earlier step a waste hint names, so that a quick fix can move work into it. */
export interface WrittenBy {
  /** 1-based first line of the earlier step. */
  line: number;
  /** The paths concerned, as the hint lists them. */
  paths: string[];
}

export interface StageInfo {
  index: number;
  /** The `AS` name, lower-cased as BuildKit compares it, or `null`. */
  name: string | null;
  /** The base as written (`node:${VERSION}-slim`, `build`, `scratch`). */
  base: string;
  /** The base after variable expansion. */
  baseResolved: string;
  /** Index of the stage this one continues (`FROM <stage>`), if any. */
  parentStage: number | null;
  /** 1-based line of the FROM instruction. */
  line: number;
  platform: string | null;
  /** The base image's `USER`, when its configuration was read and sets one. */
  baseUser?: string;
  /** A mark that the base image's configuration was read, so that its ENV (PATH among it) is known. */
  baseConfigRead?: true;
}

/** One instruction of the target's build chain. */
export interface Step {
  /** Index in `Analysis.steps`; also the index of its layer in `Analysis.stack`. */
  index: number;
  stage: number;
  /** 1-based first and last line (heredoc bodies included). */
  line: number;
  endLine: number;
  /** Upper-case keyword: `FROM`, `COPY`, `RUN`, ... */
  instruction: string;
  /** The instruction as written, continuation lines included. */
  text: string;
  /**
   * True when the step makes no filesystem layer: a metadata-only step, or one the build fails on,
   * except a step read as its correction (see `readAs`).
   */
  emptyLayer: boolean;
  certainty: Certainty;
  /** Plain sentences for the hover: assumptions made, what cannot be known. */
  notes: string[];
  /** For ENV and ARG: the variables the line sets, with their values after it. */
  assigned?: AssignedVariable[];
  /** For USER: the user it sets, with its variables expanded. */
  user?: ExpandedUser;
  /** For COPY and ADD: the `--chown` value with its variables expanded. */
  chown?: string;
  /** Set when an error problem lies on the step's lines: the build stops there, so the step makes no layer. */
  failed?: boolean;
  /** Set on a failed step whose error makes the builder reject the whole Dockerfile, so no step runs. */
  rejectsDockerfile?: true;
  /** The failing step at which the build stops before it reaches this one; the step is still predicted. */
  notReached?: StepReference;
  /**
   * For a misspelt instruction or flag that the prediction reads as its one correction: the
   * corrected keyword (`WORKDIR` for `WORKDIRR`, `COPY` for `COPY --frm`). The build fails on the
   * step, but its layer in the stack is the one the fixed line would make.
   */
  readAs?: string;
  /**
   * Set on a step that runs an ONBUILD trigger of its stage's parent right after the FROM, whose
   * lines `line` and `endLine` then are. `text` is the trigger's instruction.
   */
  trigger?: BuildTrigger;
}

/** A variable that an ENV or ARG line sets. */
export interface AssignedVariable {
  name: string;
  /** The value in force after the line, or `null` when the variable has none. */
  value: string | null;
  /** The value as written on the line, or `null` for `ARG NAME` without a default. */
  written: string | null;
  /** Set when a build argument gave the value. */
  buildArg?: true;
}

/** The user of a USER line: the value expanded, and the numbers that `/etc/passwd` and `/etc/group` give (`null` where unknown). */
export interface ExpandedUser {
  value: string;
  uid: number | null;
  gid: number | null;
}

/** A step of a stage's chain, named from another step. */
export interface StepReference {
  stage: number;
  /** Index in the chain of `stage`, the same in every chain that contains the step. */
  index: number;
  /** 1-based first line. */
  line: number;
  /** Set when the builder rejects the whole Dockerfile on this step, so no step runs at all. */
  rejects?: true;
  /** Set when the prediction reads the rejected step as its correction (`WORKDIRR` as WORKDIR), so the steps after it are predicted with its changes. */
  readAsCorrection?: true;
}

/** The predicted chain of one stage, in the shape that `Analysis.steps` and `Analysis.stack` give the target's. */
export interface StageChain {
  /** The steps of the stage and of the stages it continues (`FROM <stage>`), in build order. */
  steps: Step[];
  /** One layer per step of `steps`, at the same index. */
  stack: LayerStack;
}

/**
 * Whether the builder builds a stage when it builds the target. `target`: the target itself.
 * `needed`: the target uses it through FROM, COPY --from or RUN --mount, directly or through
 * other stages. `before-target`: the classic builder builds every stage up to the target.
 * `unused`: the builder skips it. `after-target`: the classic builder stops at the target.
 */
export interface StageBuild {
  built: boolean;
  reason: 'target' | 'needed' | 'before-target' | 'unused' | 'after-target';
  /** The first instruction of a stage the target uses that names this stage, if any. */
  usedBy?: StageUse;
}

/** An instruction that names another stage. */
export interface StageUse {
  /** 1-based line of the instruction. */
  line: number;
  /** Index of the stage the instruction belongs to. */
  stage: number;
  kind: 'from' | 'copy' | 'mount';
}

export interface Analysis {
  dockerfilePath: string;
  contextPath: string;
  /** The builder whose rules the prediction followed; BuildKit when absent. */
  builder?: BuilderKind;
  stages: StageInfo[];
  /** Index of the target stage. */
  target: number;
  /** The target's build chain in build order; step `i` made layer `i` of `stack`. */
  steps: Step[];
  /**
   * One layer per step, empty for metadata-only steps, so that step and layer indices agree.
   */
  stack: LayerStack;
  problems: Problem[];
  /** Build context paths that could not be read. */
  contextProblems: ContextProblem[];
  /** Every stage's chain, by stage index; absent in analyses that predict only the target. */
  stageChains?: StageChain[];
  /** Whether the builder builds each stage for the target, by stage index. */
  stageBuilds?: StageBuild[];
  /** The ARG lines before the first FROM, with the values the FROM lines below them read. */
  globalArgs?: GlobalArgLine[];
}

/** An ARG line before the first FROM, with the value of each name it declares after the line. */
export interface GlobalArgLine {
  /** 1-based first and last line of the instruction. */
  line: number;
  endLine: number;
  variables: GlobalArgVariable[];
}

/** A name that an ARG before the first FROM declares, with its value after the line. */
export interface GlobalArgVariable extends AssignedVariable {
  /** Set when no FROM line reads the name, directly or through a later global ARG's default. */
  unreadByFrom?: true;
}

export type { Certainty, EntryOrigin };
