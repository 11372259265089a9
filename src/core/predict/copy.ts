/**
 * Predicts the layer of a COPY or ADD: the sources resolved as BuildKit resolves them, mapped
 * onto the destination, with owners and modes as builders set them.
 */
import type { ProblemKind, WrittenBy } from '../analysis/types';
import type { ArchiveListing } from '../archive/listArchive';
import { normalizeContextPath, type ContextIndex } from '../context/contextIndex';
import { contextHostPath } from '../context/hostNames';
import { describeError } from '../context/ignoreFile';
import { hasWildcard } from '../context/goMatch';
import { excludedWildcardMatch } from '../context/excludedMatch';
import { hasRecursiveWildcard, resolveRecursiveSource, resolveSource, type SourceResolution } from '../context/sources';
import type { CopySpec, PlannedStep } from '../dockerfile/plan';
import type { HostPath } from '../files/regularFile';
import { expandWord } from '../dockerfile/words';
import { makeLayer, type EntryOrigin, type Layer, type WriteEntry } from '../model/layer';
import { ancestorPaths, baseName, joinImagePath, normalizeImagePath, parentPath } from '../model/paths';
import type { LayerStack } from '../model/stack';
import { contextContent, fifoNote, stageContent, type SourceContent, type SourceItem } from './copySources';
import { assumedFoldersNote, createdDirectory, LayerWriter, type CreatedFolders } from './layerWriter';
import { parseChmod, parseChown, type AccountFiles, type ModeChange, type Ownership } from './ownership';
import { applyExcludes, checksumProblem, compileExcludes, parentsPath } from './copyFlags';
import { builderNames, type BuilderKind } from '../dockerfile/builders';
import type { PathTest } from '../context/ignorePattern';
import { mayHoldUnlisted, missingSourceParent, resolveStagePath } from './stagePaths';
import { StackLinks } from './stackLinks';
import { archiveRemarks } from './addArchive';
import { CopiedHardLinks, wildcardMatchesShareFiles } from './copiedHardLinks';
import { archiveChownNote, archiveFolder, archiveMemberOwner, type DestinationFolder } from './archiveOwners';
import { estimateOwners } from './ownerCertainty';
import { escapedWildcardOutcome, ignoreDoubtNote } from './escapedNames';
import { classicMissesSource, classicNoSourceMessage, classicWildcardHint } from './classicWildcard';
import { textMayBeStale } from './imageText';
import type { VariableLookup } from '../dockerfile/variables';

/**
 * Lists a local file's members, and the members ADD skips, if it is a tar archive (plain or
 * compressed), or returns `null` otherwise. Rejects when the file cannot be opened, so whether it
 * is a tar is unknown.
 */
export type ArchiveLister = (hostPath: HostPath) => Promise<Pick<ArchiveListing, 'entries' | 'skipped' | 'top'> | null>;

export interface CopyEnvironment {
  below: LayerStack;
  context: ContextIndex | undefined;
  contextRoot: string;
  /** Returns the stack of a stage named by `--from`, or `undefined` for an external image. */
  stage(reference: string): CopiedStage | undefined;
  listArchive?: ArchiveLister;
  /** Variables in force, for unquoted heredoc bodies. */
  lookup: VariableLookup;
  /** Named build contexts (`--build-context NAME=DIR`), which `--from=NAME` reads before stages. */
  namedContexts?: ReadonlyMap<string, NamedContext>;
  /** The builder modelled; BuildKit when not given. */
  builder?: BuilderKind;
  /** Reads the image's `/etc/passwd` and `/etc/group` as predicted below the step, for `--chown` names. */
  accounts?: () => Promise<AccountFiles>;
  /** The unread image at the root of the stage's chain, which the note on assumed folders names. */
  baseImage?: string;
}

/** A stage or read image that `COPY --from` names. An image has the stage index -1. */
export interface CopiedStage {
  stage: number;
  stack: LayerStack;
  /** 1-based line where a build of the stage fails first. The stack leaves out what that step writes. */
  failsAt?: number;
}

/** A named build context: a local folder walked like the main build context. */
export interface NamedContext {
  /** The walked folder, or `undefined` when it cannot be read. */
  index: ContextIndex | undefined;
  root: string;
}

export interface StepPrediction {
  layer: Layer;
  notes: string[];
  problems: Array<{ severity: 'error' | 'warning' | 'info'; message: string; kind?: ProblemKind; writtenBy?: WrittenBy }>;
  /** Set when a builder rule decides the layer flag from the prediction (an empty diff). */
  emptyLayer?: boolean;
}

const urlPattern = /^https?:\/\//i;
const gitPattern = /^(git@|git:\/\/)|\.git(#.*)?$/i;

/** Predicts the layer of a planned COPY or ADD step. */
export async function predictCopy(step: PlannedStep, env: CopyEnvironment): Promise<StepPrediction> {
  const spec = step.copy as CopySpec;
  const prediction = new CopyPrediction(step, spec, env);
  await prediction.run();
  return prediction.result();
}

class CopyPrediction {
  private readonly writer: LayerWriter;
  private readonly notes: string[] = [];
  private readonly problems: StepPrediction['problems'] = [];
  /** The warnings that a source matches nothing, which one error replaces when no source matches. */
  private readonly emptySourceWarnings = new Set<StepPrediction['problems'][number]>();
  /** The sentences that explain why a source matched nothing, kept for the error that replaces the warnings. */
  private readonly emptySourceHints: string[] = [];
  /** The paths this step writes context FIFOs at, for their note. */
  private readonly fifoPaths: string[] = [];
  private owner: Ownership | null = null;
  /** Set when the owner's name resolves only through account lines a RUN appended (`AccountFiles.partial`). */
  private ownerEstimated = false;
  private severalSourcesReported = false;
  /** A file, not a folder, was copied as a source (the classic builder's rule for folder owners). */
  private placedFile = false;
  private folderTargetReported = false;
  private readonly chmod: ModeChange | null;
  private readonly excludes: PathTest[];
  private readonly builder: BuilderKind;
  /** Sources that matched something in the build context, for the all-empty check. */
  private matchedSources = 0;
  /** Set when a source's context could not be read, so what the sources match is unknown. */
  private unreadContext = false;
  private readonly links: StackLinks;
  private readonly hardLinks = new CopiedHardLinks();
  /** Counts the runs of the builder's copier, because names of one file share it only within one run. */
  private copierRun = 0;

  constructor(
    private readonly step: PlannedStep,
    private readonly spec: CopySpec,
    private readonly env: CopyEnvironment,
  ) {
    this.writer = new LayerWriter(env.below);
    this.links = new StackLinks(env.below);
    this.builder = env.builder ?? 'buildkit';
    this.chmod = spec.chmod ? parseChmod(spec.chmod) : null;
    this.excludes = compileExcludes(spec.exclude);
    if (spec.chmod && this.chmod === null) this.problems.push({ severity: 'error', message: `--chmod=${spec.chmod} is neither an octal mode (0644) nor a symbolic one (u=rw,go=r). The build fails on this line.` });
    if (spec.checksum !== null) this.checkChecksum(spec.checksum);
  }

  async run(): Promise<void> {
    if (!this.spec.destination) return;
    if (this.spec.chown) await this.resolveOwner(this.spec.chown);
    const sourceCount = this.spec.sources.length + this.spec.heredocs.length;
    this.checkDestinationParents();
    if (this.builder === 'buildah') this.createWorkdir();
    for (const heredoc of this.spec.heredocs) this.copyHeredoc(heredoc.name, heredoc.quoted ? heredoc.body : expandWord(heredoc.body.replace(/["'\\]/g, '\\$&'), this.env.lookup).value, sourceCount);
    for (const source of this.spec.sources) await this.copySource(source, sourceCount);
    this.checkAllSourcesEmpty();
  }

  private async resolveOwner(chown: string): Promise<void> {
    const needsNames = chown.split(':').some((part) => part !== '' && !/^\d+$/.test(part));
    const accounts = needsNames && this.env.accounts ? await this.env.accounts() : {};
    this.owner = parseChown(chown, accounts);
    if (this.owner.unresolved) {
      const [user, group] = chown.split(':', 2);
      // The builder looks the user up first, so a missing user is the one error.
      const failed = this.owner.uid === null && this.reportUnresolvedName('user', user, '/etc/passwd', accounts);
      if (!failed && group && this.owner.gid === null) this.reportUnresolvedName('group', group, '/etc/group', accounts);
    } else if (needsNames && accounts.partial) {
      this.ownerEstimated = true;
      this.notes.push(`The owner "${chown}" is found in lines a RUN appended to /etc/passwd or /etc/group, whose earlier content is not known; an earlier line for the same name would win.`);
    }
  }

  /**
   * Reports a `--chown` name that the account file does not resolve. When the prediction has the
   * file's text as the step reads it, the name is missing and the builder fails. Otherwise the
   * number is only unknown. Returns whether it reported the failure.
   */
  private reportUnresolvedName(kind: 'user' | 'group', name: string, file: string, accounts: AccountFiles): boolean {
    const content = kind === 'user' ? accounts.passwd : accounts.group;
    if (content === undefined) {
      this.notes.push(unresolvedNameNote(kind, name, file, 'unknown'));
      return false;
    }
    if (accounts.partial || textMayBeStale(this.env.below, file)) {
      this.notes.push(unresolvedNameNote(kind, name, file, accounts.partial ? 'missing' : 'stale'));
      return false;
    }
    const id = kind === 'user' ? 'uid' : 'gid';
    // Seen in a classic build (Docker Engine 20.10). NOTE: BuildKit and buildah fail as well, with texts not checked.
    const quoted = this.builder === 'classic' ? ` ("unable to convert uid/gid chown string to host mapping: can't find ${id} for ${kind} ${name}: no such ${kind}: ${name}")` : '';
    const message = `The ${kind} "${name}" is not in the image's ${file}, so the builder finds no number for it. Add the ${kind} in a RUN before this line, or give its number. The build fails on this line${quoted}.`;
    this.problems.push({ severity: 'error', message });
    return true;
  }

  private checkChecksum(checksum: string): void {
    const problem = checksumProblem(checksum);
    if (problem) this.problems.push({ severity: 'error', message: `${problem} The build fails on this line.` });
    else this.notes.push(`The builder checks the downloaded source against ${checksum} and fails the build on a mismatch.`);
  }

  /**
   * Creates a missing WORKDIR folder in this layer under buildah, because buildah makes that
   * folder only when a later step needs it. For a destination below the folder, buildah's mkdir
   * of the destination's folders makes it, so it gets the --chown owner as they do (recorded with
   * buildah 1.28.2: `WORKDIR /srv/app` then `COPY --chown=app:app ... ./dist` made /srv/app 1000:1000).
   */
  private createWorkdir(): void {
    const workdir = this.step.workdir;
    const destination = this.destinationPath();
    // A COPY whose destination is the folder itself creates it as its destination, with the --chown owner (buildah 1.28).
    if (workdir === '/' || destination === workdir) return;
    // buildah's mkdir follows the symlinks of the layers below, so `/lx/k` under `/lx -> /real/x`
    // makes /real/x/k (recorded with buildah 1.28).
    const folder = this.links.resolveFolder(workdir);
    if (this.env.below.lookup(folder)) return;
    if (ancestorPaths(destination).includes(workdir)) {
      const { uid, gid, certainty } = this.createdFolders();
      this.writer.write(createdDirectory(folder, { kind: 'workdir' }, certainty, uid, gid));
      return;
    }
    // NOTE: seen only for a COPY into the folder; that a COPY elsewhere also creates it, owned by root, is assumed.
    this.writer.write(createdDirectory(folder, { kind: 'workdir' }, 'exact'));
  }

  /**
   * Reports a COPY whose every source matches nothing. The classic builder ("no source files
   * were specified") and buildah fail on it, while BuildKit copies nothing. One error names the
   * sources in place of their warnings, and a source already reported as missing needs none.
   */
  private checkAllSourcesEmpty(): void {
    if (this.builder === 'buildkit' || this.spec.from !== null || this.spec.sources.length === 0 || this.matchedSources > 0 || this.unreadContext) return;
    if (this.spec.heredocs.length > 0 || this.spec.sources.some((source) => urlPattern.test(source) || gitPattern.test(source))) return;
    if (this.problems.some((problem) => problem.severity === 'error')) return;
    const remaining = this.problems.filter((problem) => !this.emptySourceWarnings.has(problem));
    this.problems.splice(0, this.problems.length, ...remaining);
    const sources = this.spec.sources.map((source) => `"${source}"`).join(', ');
    const verb = this.spec.sources.length === 1 ? 'matches' : 'match';
    const hints = this.emptySourceHints.map((hint) => ` ${hint}`).join('');
    const quoted = this.builder === 'classic' ? ` ("${classicNoSourceMessage}")` : '';
    this.problems.push({ severity: 'error', message: `${sources} ${verb} nothing in the build context, and this builder fails the build when no source of a ${this.step.instruction.keyword} matches.${hints} The build fails on this line${quoted}.` });
  }

  /** Returns the prediction. A step the build fails on writes no layer, as a failing RUN does. */
  result(): StepPrediction {
    const fails = this.problems.some((problem) => problem.severity === 'error');
    if (fails) return { layer: makeLayer([]), notes: this.notes, problems: this.problems };
    this.hardLinks.apply(this.writer);
    this.writer.setCreatedFolders(this.createdFolders());
    const layer = this.ownerEstimated ? estimateOwners(this.writer.finish()) : this.writer.finish();
    const assumedNote = assumedFoldersNote(this.writer.assumedFolders, this.env.baseImage);
    if (assumedNote !== undefined) this.notes.push(assumedNote);
    if (this.fifoPaths.length > 0) this.notes.push(fifoNote(this.step.instruction.keyword, this.fifoPaths));
    const mode = this.createdFolderMode();
    if (mode !== 0o755 && layer.entries.some((entry) => entry.origin?.kind === 'parent')) {
      this.notes.push(`BuildKit 0.21 (Docker Engine 28.1) and later give the folders this step creates the --chmod mode ${mode.toString(8).padStart(4, '0')}; earlier versions made them 0755.`);
    }
    return { layer, notes: this.notes, problems: this.problems };
  }

  /**
   * Returns how the missing folders above the destination are created. The --chown owner gets
   * them, except under the classic builder when every source is a folder, because that builder
   * creates those parents as root (seen with Docker Engine 20.10).
   */
  private createdFolders(): CreatedFolders {
    const mode = this.createdFolderMode();
    const owner = this.owner !== null && (this.builder !== 'classic' || this.placedFile) ? this.owner : null;
    const uncertain = mode !== 0o755 || owner?.uid === null;
    return { uid: owner ? owner.uid : 0, gid: owner ? owner.gid : 0, mode, certainty: uncertain ? 'estimated' : 'exact' };
  }

  /**
   * Returns the mode of the folders this step creates. BuildKit's copier creates them with an
   * octal --chmod mode; a symbolic mode and the other builders give 0755.
   */
  private createdFolderMode(): number {
    const chmod = this.spec.chmod;
    return this.builder === 'buildkit' && chmod && /^[0-7]{1,4}$/.test(chmod) ? parseInt(chmod, 8) : 0o755;
  }

  private async copySource(source: string, sourceCount: number): Promise<void> {
    if (this.step.kind === 'add' && gitPattern.test(source)) {
      this.notes.push(this.spec.keepGitDir ? 'The .git folder of the repository is kept (--keep-git-dir).' : 'BuildKit leaves out the .git folder of the repository unless --keep-git-dir is given.');
      return this.copyUnknown(source, 'a Git repository');
    }
    if (this.step.kind === 'add' && urlPattern.test(source)) return this.copyUrl(source, sourceCount);
    const named = this.spec.from === null ? undefined : this.env.namedContexts?.get(this.spec.from);
    if (this.spec.from !== null && !named) return this.copyFromStage(this.spec.from, source, sourceCount);
    const index = named ? named.index : this.env.context;
    const root = named ? named.root : this.env.contextRoot;
    const where = named ? `the build context "${this.spec.from}"` : 'the build context';
    if (this.builder === 'classic' && climbsAboveContext(source)) {
      this.problems.push({ severity: 'error', message: `The classic builder rejects "${source}", a path above ${where} ("forbidden path outside the build context"); BuildKit and buildah read it from the context's top folder. The build fails on this line.` });
      return;
    }
    if (!index) {
      this.unreadContext = true;
      this.writer.lowerCertainty('unknown');
      this.notes.push(`The copied files are unknown, because ${where} could not be read.`);
      return;
    }
    if (classicMissesSource(this.builder, source)) return this.reportEmptySource(`"${source}" copies nothing.`, classicWildcardHint(source));
    const resolution = this.resolveContextSource(index, source);
    this.checkEscapedNames(index, source, resolution);
    if (resolution.matches.length > 0) this.matchedSources++;
    if (resolution.problem) this.problems.push({ severity: 'error', message: `${resolution.problem} The build fails on this line.` });
    if (resolution.matches.length === 0 && !resolution.problem && !this.spec.parents) {
      this.reportEmptySource(`"${source}" matches nothing in ${where}, so it copies nothing.`, excludedWildcardMatch(index, source));
    }
    if (climbsAboveContext(source)) this.explainClimb(source, where, resolution.matches.length > 0);
    const wildcard = hasWildcard(source);
    this.copierRun++;
    for (const match of resolution.matches) {
      if (!wildcardMatchesShareFiles(this.builder)) this.copierRun++;
      const content = contextContent(index, match.path, match.file, named ? this.spec.from ?? undefined : undefined);
      if (this.step.kind === 'add' && this.spec.unpack !== false && !content.isDirectory && (await this.extractArchive(root, match.file.path))) continue;
      if (this.spec.parents) this.placeWithParents(content, parentsPath(source, match.path));
      else this.place(content, sourceCount > 1 || (wildcard && resolution.matches.length > 1));
    }
  }

  /** Warns about a source that matches nothing. The hint, if given, also goes into the error when no source matches. */
  private reportEmptySource(message: string, hint: string | undefined): void {
    if (hint !== undefined) this.emptySourceHints.push(hint);
    const warning = { severity: 'warning' as const, message: hint === undefined ? message : `${message} ${hint}` };
    this.problems.push(warning);
    this.emptySourceWarnings.add(warning);
  }

  /**
   * Marks the step estimated, or failed under buildah, where a wildcard source or an ignore-file
   * line meets a name that is not valid UTF-8, because builders match the name's bytes and do not
   * agree on copying it.
   */
  private checkEscapedNames(index: ContextIndex, source: string, resolution: SourceResolution): void {
    const notes: string[] = [];
    if (resolution.escapedNames) {
      const outcome = escapedWildcardOutcome(source, this.builder, resolution.escapedNames);
      if ('error' in outcome) this.problems.push({ severity: 'error', message: outcome.error });
      else notes.push(outcome.note);
    }
    const doubt = ignoreDoubtNote(index, resolution.matches.map((match) => match.file.path));
    if (doubt !== undefined) notes.push(doubt);
    if (notes.length > 0) this.writer.lowerCertainty('estimated');
    this.notes.push(...notes);
  }

  /**
   * Explains a source whose `..` leads above the context, which BuildKit and buildah read from the
   * context's top folder. A match gets a note. No match gets a warning, because the user most
   * likely meant a file outside the context, which no builder reads.
   */
  private explainClimb(source: string, where: string, found: boolean): void {
    const cleaned = normalizeContextPath(source);
    const builder = builderNames[this.builder];
    const start = `The ".." in "${source}" cannot leave ${where}`;
    if (found) {
      const read = cleaned === '' ? `reads ${where} itself` : `reads "${cleaned}" from the top folder of ${where}`;
      this.notes.push(`${start}, so ${builder} ${read}. The classic builder rejects this path.`);
      return;
    }
    const looked = `looks for "${cleaned}" in the top folder of ${where}, not outside it`;
    this.problems.push({ severity: 'warning', message: `${start}, so ${builder} ${looked}. Move the file into the context, or build with a context folder that contains it.` });
  }

  /** Resolves a context source; `--parents` drops the `/./` marks and lets `**` span folders. */
  private resolveContextSource(index: ContextIndex, source: string): SourceResolution {
    if (!this.spec.parents) return resolveSource(index, source);
    const unmarked = source.replace(/\/\.\//g, '/');
    return hasRecursiveWildcard(unmarked) ? resolveRecursiveSource(index, unmarked) : resolveSource(index, unmarked);
  }

  private copyFromStage(reference: string, source: string, sourceCount: number): void {
    const stage = this.env.stage(reference);
    if (!stage) return this.copyUnpredicted(source, reference, sourceCount, true);
    const matches = resolveStagePath(stage.stack, normalizeImagePath(source));
    if (matches.length === 0 && stage.stack.layers.some((layer) => layer.layer.certainty === 'unknown')) {
      // BuildKit copies nothing for a wildcard that matches nothing, so only a plain path can be missing.
      const parent = hasWildcard(source) ? undefined : missingSourceParent(stage.stack, normalizeImagePath(source));
      if (parent) return this.reportMissingStageSource(source, reference, parent, stage.failsAt);
      return this.copyUnpredicted(source, reference, sourceCount);
    }
    if (matches.length === 0) this.reportAbsentStageSource(source, reference, stage.failsAt);
    for (const match of matches) {
      this.place(stageContent(stage.stack, stage.stage, match.path, match.resolved, match.version), sourceCount > 1 || matches.length > 1);
      if (match.version.entry.type === 'directory' && mayHoldUnlisted(stage.stack, match.resolved)) {
        this.writer.lowerCertainty('unknown');
        this.notes.push(`Stage "${reference}" has steps whose files are not all known, so ${match.resolved} may hold more than is listed here.`);
      }
    }
  }

  /** `--parents`: the source keeps its context path under the destination folder. */
  private placeWithParents(content: SourceContent, keptPath: string): void {
    const target = joinImagePath(this.destinationPath(), keptPath);
    const kept = applyExcludes(content, this.excludes);
    if (!kept) return;
    if (!kept.isDirectory) {
      this.placedFile = true;
      return this.writeItem(target, kept.items[0]);
    }
    this.writeDestinationDirectory(target, true);
    for (const item of kept.items) this.writeItem(joinImagePath(target, item.relative), item);
  }

  /**
   * Returns whether a source goes into the destination folder under its own name: for a
   * destination that ends in `/` or is a folder below, and under the classic builder and buildah
   * for one of several sources. BuildKit copies each of several sources onto the destination
   * path itself, so the last one stays (reported to BuildKit as a bug, still open). Several
   * sources without a `/` are reported once: an error under the classic builder, which checks the
   * text alone, and a warning under BuildKit when no folder is there.
   */
  private placesIntoDirectory(manySources: boolean): boolean {
    const destination = this.destinationPath();
    const slash = this.spec.destinationPath.endsWith('/');
    const folderBelow = this.env.below.isDirectory(destination);
    if (manySources && !slash && !this.severalSourcesReported) this.reportSeveralSources(folderBelow);
    if (slash || folderBelow) return true;
    return manySources && this.builder !== 'buildkit';
  }

  private reportSeveralSources(folderBelow: boolean): void {
    this.severalSourcesReported = true;
    const folder = `"${this.spec.destination}/"`;
    if (this.builder === 'classic') {
      this.problems.push({ severity: 'error', message: `With several sources the classic builder needs a destination ending in "/" (${folder}). The build fails on this line.` });
    } else if (this.builder === 'buildkit' && !folderBelow) {
      this.problems.push({ severity: 'warning', message: `Several sources go to ${this.spec.destination}, which does not end in "/": BuildKit copies each onto that path, so only the last one stays. Write ${folder} to copy them into a folder.` });
    }
  }

  /** Maps a source's items onto the destination: into it when it is a directory. */
  private place(original: SourceContent, manySources: boolean): void {
    const content = applyExcludes(original, this.excludes);
    if (!content) return;
    const destination = this.destinationPath();
    const intoDirectory = this.placesIntoDirectory(manySources);
    if (!content.isDirectory) {
      this.placedFile = true;
      // A destination folder the copy creates gets the --chown owner, like the files in it.
      if (intoDirectory && !this.env.below.lookup(destination)) this.writeDestinationDirectory(destination);
      const target = intoDirectory ? joinImagePath(destination, content.name) : destination;
      return this.writeItem(target, content.items[0], !intoDirectory);
    }
    this.writeDestinationDirectory(destination);
    for (const item of content.items) this.writeItem(joinImagePath(destination, item.relative), item);
  }

  /**
   * Reports a destination inside a file of a lower layer (`COPY a.py /afile/` over a file
   * `/afile`): no builder can create a path below a file ("not a directory").
   */
  private checkDestinationParents(): void {
    const destination = this.destinationPath();
    for (let folder = parentPath(destination); ; folder = parentPath(folder)) {
      if (this.reportFileInTheWay(folder, destination)) return;
      if (folder === '/') break;
    }
    if (this.spec.destinationPath.endsWith('/')) this.reportFileInTheWay(destination, destination + '/');
  }

  /** Reports `path` when a lower layer has a file or hard link there; returns whether it did. */
  private reportFileInTheWay(path: string, target: string): boolean {
    if (path === '/') return false;
    const lower = this.env.below.lookup(path)?.entry;
    // A file of unknown certainty is a guess for a source whose type is unknown, so it decides nothing.
    if ((lower?.type !== 'file' && lower?.type !== 'hardlink') || lower.certainty === 'unknown') return false;
    this.problems.push({ severity: 'error', message: `${path} is a file in a lower layer, so this ${this.step.instruction.keyword} cannot write into ${target} ("not a directory"). The build fails on this line.` });
    return true;
  }

  /**
   * Reports a folder copied onto a file or symlink, lower or written earlier by this COPY.
   * BuildKit fails on it ("cannot copy to non-directory"), as a build context with a pnpm
   * `node_modules` folder does over the symlinks an image has there. Reported once per step.
   */
  private checkFolderTarget(path: string): void {
    if (this.builder !== 'buildkit' || this.folderTargetReported || path === '/') return;
    const lower = this.writer.get(path) ?? this.env.below.lookup(path)?.entry;
    if (!lower || lower.type === 'directory' || lower.certainty === 'unknown') return;
    this.folderTargetReported = true;
    this.problems.push({ severity: 'error', message: `This ${this.step.instruction.keyword} writes a folder at ${path}, where a ${lower.type} is: BuildKit fails with "cannot copy to non-directory". Remove the ${lower.type} first or copy to another path.` });
  }

  /**
   * Returns the destination with the symlinks among its folders followed, and a final symlink
   * too when it leads to a folder. A final symlink to a file is left to `writeItem`, because the
   * builders differ there.
   */
  private destinationPath(): string {
    const written = normalizeImagePath(this.spec.destinationPath);
    const folder = this.links.resolveFolder(written);
    return this.env.below.isDirectory(folder) ? folder : this.links.resolveParents(written);
  }

  /**
   * Writes the folder a copy goes into when the copy creates it, with the --chown owner (root
   * without one) and mode 0755. A folder already there keeps its owner and mode, --chown or not.
   * Docker Engine 20.10 (classic builder) and buildah 1.28 were recorded doing so. BuildKit's
   * copier (tonistiigi/fsutil `copy.Copy`, since 2018) sets the owner and mode of the top folder
   * only when it creates it. `rewriteExisting` is for a folder copied as an item (`--parents`),
   * which BuildKit re-states even when it exists. `folder` gives the owner and mode of a folder
   * an archive is extracted into (see `archiveFolder`).
   *
   * A symlink there that leads to a folder, or to a path not yet made, is followed and stays out
   * of the layer. The classic builder and buildah were recorded keeping the link. BuildKit keeps
   * it too, because `copy.Copy` resolves the destination with continuity's `fs.RootPath`, which
   * follows the last link as well.
   */
  private writeDestinationDirectory(linked: string, rewriteExisting = false, folder?: DestinationFolder): void {
    const followed = this.links.resolveFolder(linked);
    const blocked = this.writer.get(followed) ?? this.env.below.lookup(followed)?.entry;
    // NOTE: no builder was recorded copying a folder onto a symlink to a file, so that link stays the target.
    const path = blocked && blocked.type !== 'directory' ? this.links.resolveParents(linked) : followed;
    this.checkFolderTarget(path);
    if (path === '/' || this.writer.has(path)) return;
    const lower = this.env.below.lookup(path)?.entry;
    if (!rewriteExisting && !folder?.restatesExisting && lower?.type === 'directory') {
      // When only the unread base image may have it, `missingOf` marks the layer estimated and notes the assumption.
      this.writer.missingOf([path]);
      return;
    }
    const { uid, gid, mode, restatesExisting } = folder ?? this.createdDestination();
    // The --chmod mode of created folders depends on the BuildKit version, but the mode of an archive's `./` entry is exact.
    const modeEstimated = mode !== 0o755 && !restatesExisting;
    const certainty = modeEstimated || lower?.certainty === 'estimated' ? 'estimated' : 'exact';
    this.writer.write(createdDirectory(path, { kind: 'parent' }, certainty, uid, gid, mode));
  }

  /** Returns the owner and mode of a destination folder the step creates: the --chown owner (root without one) and the created folders' mode. */
  private createdDestination(): DestinationFolder {
    const owner = this.owner ?? { uid: 0, gid: 0 };
    return { uid: owner.uid, gid: owner.gid, mode: this.createdFolderMode(), restatesExisting: false };
  }

  /** Writes one copied item; `named` is set for a file written at the destination path itself. */
  private writeItem(linked: string, item: SourceItem, named = false): void {
    const target = this.links.resolveParents(linked);
    if (item.type === 'directory') this.checkFolderTarget(target);
    const owned = this.owner !== null;
    const path = this.writesThroughLink(named) ? this.throughSymlink(target) : target;
    if (item.fifo) this.fifoPaths.push(path);
    let mode = item.recreated ? 0o755 : item.mode;
    if (this.chmod && mode !== null && item.type !== 'symlink') mode = this.chmod(mode, item.type === 'directory');
    const entry: WriteEntry = {
      op: 'write',
      path,
      type: item.type,
      size: item.size,
      mode,
      uid: owned ? this.owner?.uid ?? null : item.uid,
      gid: owned ? this.owner?.gid ?? null : item.gid,
      linkTarget: item.linkTarget,
      certainty: owned && this.owner?.uid === null ? 'estimated' : item.certainty,
      origin: item.origin,
    };
    this.writer.write(entry);
    if (item.inode !== undefined) this.hardLinks.add(this.copierRun, item.inode, entry);
  }

  /**
   * Tells whether a file goes through a symlink already at its path (the link's target changes,
   * the link stays). The classic builder always writes through (seen with Docker Engine 20.10),
   * and buildah always replaces the link. BuildKit's copier resolves the destination path with
   * its symlinks (continuity's `fs.RootPath` in tonistiigi/fsutil `copy.Copy`), so it writes
   * through a link named as the destination, and replaces one that a copy into a folder meets.
   */
  private writesThroughLink(named: boolean): boolean {
    if (this.builder === 'classic') return true;
    return this.builder === 'buildkit' && named;
  }

  /** Returns the path a file written at `path` lands at when it goes through a symlink there. */
  private throughSymlink(path: string): string {
    const lower = this.writer.has(path) ? undefined : this.env.below.lookup(path);
    if (lower?.entry.type !== 'symlink' || !lower.entry.linkTarget) return path;
    return joinImagePath(path.slice(0, path.lastIndexOf('/')) || '/', lower.entry.linkTarget);
  }

  private copyHeredoc(name: string, body: string, sourceCount: number): void {
    this.placedFile = true;
    const destination = this.destinationPath();
    const path = this.placesIntoDirectory(sourceCount > 1) ? joinImagePath(destination, name) : destination;
    this.writeItem(path, {
      relative: '', type: 'file', size: Buffer.byteLength(body, 'utf8'), mode: 0o644, uid: 0, gid: 0,
      origin: { kind: 'heredoc', name }, certainty: 'exact',
    });
  }

  private copyUrl(url: string, sourceCount: number): void {
    this.placedFile = true;
    const destination = this.destinationPath();
    const name = baseName(normalizeImagePath(new URL(url).pathname)) || 'index.html';
    const path = this.placesIntoDirectory(sourceCount > 1) ? joinImagePath(destination, name) : destination;
    this.writeItem(path, { relative: '', type: 'file', size: null, mode: 0o600, uid: 0, gid: 0, origin: { kind: 'url', url }, certainty: 'unknown' });
    this.notes.push(`${url} is downloaded at build time; its size is unknown until then.`);
  }

  /**
   * Reports a stage source that the stage shows to be missing: its folder, made by a step of
   * the Dockerfile, lists no such path, or a file is where its folder should be. A step the
   * prediction cannot follow might still make it, so this is a warning.
   */
  private reportMissingStageSource(source: string, reference: string, parent: { path: string; type: 'directory' | 'file' }, failsAt: number | undefined): void {
    const reason = parent.type === 'directory'
      ? `the folder ${parent.path} that this Dockerfile made there lists no such path`
      : `${parent.path} is a file there`;
    const missing = `"${source}" is missing from stage "${reference}", because ${reason}.`;
    const outcome = failsAt === undefined ? 'The build fails on this line ("not found").' : failingStageOutcome(reference, failsAt);
    this.problems.push({ severity: 'warning', message: `${missing} ${outcome}` });
  }

  /**
   * Reports a stage source that no step of the stage writes, for a stage whose files are all
   * known. The build fails on this line. A stage that fails first gets a warning instead, because
   * the prediction leaves out what its failing step writes, so the source may only look absent.
   */
  private reportAbsentStageSource(source: string, reference: string, failsAt: number | undefined): void {
    const absent = `"${source}" is not in the predicted filesystem of stage "${reference}".`;
    if (failsAt === undefined) this.problems.push({ severity: 'error', message: `${absent} The build fails on this line.` });
    else this.problems.push({ severity: 'warning', message: `${absent} ${failingStageOutcome(reference, failsAt)}` });
  }

  /**
   * Stands in for a source that a stage's unpredicted step (a RUN) may have made, or that an
   * unread image holds. Its contents are unknown, and so is its type unless the source path
   * shows it. Into a folder destination it is that folder with unknown contents, as the RUN
   * predictor marks a folder commands wrote unlisted files in. Elsewhere it is one entry at the
   * destination: a folder only when the path shows one, else a file of unknown size.
   */
  private copyUnpredicted(source: string, reference: string, sourceCount: number, external = false): void {
    const destination = this.destinationPath();
    const intoDirectory = this.placesIntoDirectory(sourceCount > 1);
    const type = guessSourceType(normalizeImagePath(source), source);
    const origin: EntryOrigin = external ? { kind: 'image', reference, path: normalizeImagePath(source) } : { kind: 'stage', stage: this.env.stage(reference)?.stage ?? -1, path: normalizeImagePath(source) };
    const owner = { uid: this.owner?.uid ?? null, gid: this.owner?.gid ?? null };
    if (type === 'directory' || (type === 'unknown' && intoDirectory)) {
      this.writer.write({ op: 'write', path: destination, type: 'directory', size: 0, mode: null, ...owner, certainty: 'unknown', origin });
    } else {
      const path = intoDirectory ? joinImagePath(destination, baseName(normalizeImagePath(source))) : destination;
      this.writer.write({ op: 'write', path, type: 'file', size: null, mode: null, ...owner, certainty: 'unknown', origin });
    }
    this.writer.lowerCertainty('unknown');
    // That the image is not read, and how to have it read, is the step's own note (see `predict.ts`).
    this.notes.push(`"${source}" ${external ? `comes from the image "${reference}"` : this.unpredictedStageSource(source, reference)}. ${unpredictedShape(type, intoDirectory, destination)}`);
  }

  /** Returns where a source that a stage's prediction does not list probably comes from. */
  private unpredictedStageSource(source: string, reference: string): string {
    const missing = `is not among the files predicted for stage "${reference}"`;
    const stack = this.env.stage(reference)?.stack;
    // A folder assumed to be in the stage's unread base image may hold the source from the start.
    const inBase = stack !== undefined && ancestorPaths(normalizeImagePath(source)).some((path) => stack.tree.versionsOfPath(path).some((version) => version.entry.origin?.kind === 'assumed-base'));
    return inBase ? `${missing}, so it probably comes from that stage's base image, which is not read, or from a step there that is not predicted` : `${missing}, so a step there that is not predicted probably makes it`;
  }

  private copyUnknown(source: string, what: string): void {
    this.writer.lowerCertainty('unknown');
    this.notes.push(`"${source}" comes from ${what}, whose contents this prediction cannot see.`);
  }

  /**
   * Writes the members of a local archive into the destination. Returns false if it is no archive,
   * or if it cannot be opened, which makes the step estimated. Skipped members and hard links that
   * cannot be made become warnings on the line.
   */
  private async extractArchive(root: string, contextPath: string): Promise<boolean> {
    if (!this.env.listArchive) return false;
    let listing: Awaited<ReturnType<ArchiveLister>>;
    try {
      listing = await this.env.listArchive(contextHostPath(root, contextPath));
    } catch (error) {
      // The file may be a tar that ADD extracts, so the plain copy shown in its place is a guess.
      this.writer.lowerCertainty('estimated');
      this.notes.push(`ADD extracts ${contextPath} if it is a tar archive, but it could not be opened to check (${describeError(error)}), so it is shown copied as a plain file.`);
      return false;
    }
    if (!listing) return false;
    const destination = this.destinationPath();
    this.writeDestinationDirectory(destination, false, archiveFolder(this.builder, listing.top, this.owner, this.createdFolderMode()));
    if (this.owner !== null) this.notes.push(archiveChownNote(this.builder, contextPath));
    const memberOwner = archiveMemberOwner(this.builder, this.owner);
    for (const reason of listing.skipped) {
      this.problems.push({ severity: 'warning', message: `ADD leaves out a member of ${contextPath}: ${reason}.` });
    }
    const remarks = archiveRemarks(contextPath, destination, listing.entries);
    for (const message of remarks.warnings) this.problems.push({ severity: 'warning', message });
    this.notes.push(...remarks.notes);
    for (const member of listing.entries) {
      const path = joinImagePath(destination, member.path);
      if (path === destination) continue;
      const linkTarget = member.type === 'hardlink' && member.linkTarget ? joinImagePath(destination, member.linkTarget) : member.linkTarget;
      if (member.missingTarget && linkTarget) this.checkArchiveLink(contextPath, member.path, linkTarget);
      // A device node may be left out (see `archiveRemarks`), so only its presence is estimated.
      const isDevice = member.special !== undefined && member.special !== 'FIFO';
      const certainty = isDevice || (memberOwner !== null && memberOwner.uid === null) ? 'estimated' : 'exact';
      this.writer.write({
        op: 'write', path, type: member.type, size: member.type === 'file' ? member.size : 0, mode: member.mode,
        uid: memberOwner ? memberOwner.uid : member.uid, gid: memberOwner ? memberOwner.gid : member.gid,
        linkTarget, certainty, origin: { kind: 'archive', archive: contextPath, member: member.path },
      });
    }
    return true;
  }

  /** Warns about a hard link whose target is neither an earlier member nor in the image below. */
  private checkArchiveLink(contextPath: string, member: string, target: string): void {
    const below = this.env.below.lookup(target);
    if (below && below.entry.op === 'write' && below.entry.type !== 'directory') return;
    this.problems.push({
      severity: 'warning',
      message: `The member ${member} of ${contextPath} is a hard link to ${target}, which is missing: neither an earlier member nor the image below contains it, so extracting the archive fails.`,
    });
  }
}

/**
 * Words a missing stage source as a consequence of the stage's failing step. The build stops
 * there before it reaches this line, and the prediction leaves out what that step writes.
 */
function failingStageOutcome(reference: string, failsAt: number): string {
  return `Stage "${reference}" fails first at line ${failsAt}, whose changes the prediction leaves out. If line ${failsAt}, once fixed, does not make the path, this line fails too ("not found").`;
}

/**
 * Guesses the type of a source the prediction cannot see from its path. A path ending in `/` or
 * `/.` is a folder. A name with an extension, or one in a `bin` or `sbin` folder, is a file.
 */
function guessSourceType(path: string, written: string): 'file' | 'directory' | 'unknown' {
  if (/\/\.?$/.test(written)) return 'directory';
  if (/\.[A-Za-z0-9]+$/.test(baseName(path))) return 'file';
  return ['bin', 'sbin'].includes(baseName(parentPath(path))) ? 'file' : 'unknown';
}

/** Describes how an unpredicted source is shown, for its note. */
function unpredictedShape(type: 'file' | 'directory' | 'unknown', intoDirectory: boolean, destination: string): string {
  if (type === 'directory') return `It is shown as the folder ${destination} of unknown contents.`;
  if (type === 'unknown' && intoDirectory) return `Whether it is a file or a folder is unknown, so ${destination} is shown as a folder of unknown contents.`;
  if (type === 'unknown') return `Whether it is a file or a folder is unknown, so it is shown as a file of unknown size, which may be a folder.`;
  return 'It is shown as a file (a guess from its path) of unknown size.';
}

/**
 * Explains a `--chown` name that no number was found for, naming the file that should list it.
 * Either the prediction has no content for that file (an unread base image, or a RUN that adds
 * accounts with numbers the tool chooses), or the file lacks the name.
 */
function unresolvedNameNote(kind: 'user' | 'group', name: string, file: string, reason: 'unknown' | 'missing' | 'stale'): string {
  const reasons = {
    unknown: 'whose content the prediction does not know',
    missing: 'which does not list it',
    stale: 'which, as the prediction knows it, does not list it, but a RUN the prediction does not follow may have changed it since',
  };
  return `The ${kind} "${name}" is a name, so its number comes from the image's ${file}, ${reasons[reason]}; the number is unknown.`;
}

/**
 * Tells whether a context source leads above the context folder once `.` and `..` are resolved
 * (`../a`, `x/../../a`). The classic builder rejects such a source; BuildKit and buildah treat the
 * context's top folder as the root, as `/` is.
 */
function climbsAboveContext(source: string): boolean {
  let depth = 0;
  for (const segment of source.split('/')) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}
