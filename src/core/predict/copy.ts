/**
 * Predicts the layer of a COPY or ADD: the sources resolved as BuildKit resolves them, mapped
 * onto the destination, with owners and modes as builders set them.
 */
import { join } from 'node:path';
import type { ArchiveMember } from '../archive/listArchive';
import type { ContextIndex } from '../context/contextIndex';
import { hasWildcard } from '../context/goMatch';
import { resolveSource } from '../context/sources';
import type { CopySpec, PlannedStep } from '../dockerfile/plan';
import { expandWord } from '../dockerfile/words';
import type { Layer } from '../model/layer';
import { baseName, joinImagePath, normalizeImagePath } from '../model/paths';
import type { LayerStack } from '../model/stack';
import { contextContent, stageContent, type SourceContent, type SourceItem } from './copySources';
import { createdDirectory, LayerWriter } from './layerWriter';
import { parseChmod, parseChown, type Ownership } from './ownership';
import { resolveStagePath } from './stagePaths';
import type { VariableLookup } from '../dockerfile/variables';

/** Lists a local file's members if it is a tar archive (plain or compressed); `null` otherwise. */
export type ArchiveLister = (hostPath: string) => Promise<ArchiveMember[] | null>;

export interface CopyEnvironment {
  below: LayerStack;
  context: ContextIndex | undefined;
  contextRoot: string;
  /** Returns the stack of a stage named by `--from`, or `undefined` for an external image. */
  stage(reference: string): { stage: number; stack: LayerStack } | undefined;
  listArchive?: ArchiveLister;
  /** Variables in force, for unquoted heredoc bodies. */
  lookup: VariableLookup;
}

export interface StepPrediction {
  layer: Layer;
  notes: string[];
  problems: Array<{ severity: 'error' | 'warning' | 'info'; message: string }>;
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
  private readonly owner: Ownership | null;
  private readonly chmod: number | null;

  constructor(
    private readonly step: PlannedStep,
    private readonly spec: CopySpec,
    private readonly env: CopyEnvironment,
  ) {
    this.writer = new LayerWriter(env.below);
    this.owner = spec.chown ? parseChown(spec.chown) : null;
    this.chmod = spec.chmod ? parseChmod(spec.chmod) : null;
    if (this.owner?.unresolved) this.notes.push(`The owner "${this.owner.unresolved}" is a name; its number comes from the image's /etc/passwd and /etc/group, which this prediction cannot read.`);
    if (spec.chmod && this.chmod === null) this.notes.push(`--chmod=${spec.chmod} is in symbolic form, which this prediction does not apply; modes are shown as copied.`);
  }

  async run(): Promise<void> {
    if (!this.spec.destination) return;
    const sourceCount = this.spec.sources.length + this.spec.heredocs.length;
    for (const heredoc of this.spec.heredocs) this.copyHeredoc(heredoc.name, heredoc.quoted ? heredoc.body : expandWord(heredoc.body.replace(/["'\\]/g, '\\$&'), this.env.lookup).value, sourceCount);
    for (const source of this.spec.sources) await this.copySource(source, sourceCount);
  }

  result(): StepPrediction {
    return { layer: this.writer.finish(), notes: this.notes, problems: this.problems };
  }

  private async copySource(source: string, sourceCount: number): Promise<void> {
    if (this.step.kind === 'add' && gitPattern.test(source)) return this.copyUnknown(source, 'a Git repository');
    if (this.step.kind === 'add' && urlPattern.test(source)) return this.copyUrl(source, sourceCount);
    if (this.spec.from !== null) return this.copyFromStage(this.spec.from, source, sourceCount);
    const index = this.env.context;
    if (!index) {
      this.writer.lowerCertainty('unknown');
      this.notes.push('The build context could not be read, so the copied files are unknown.');
      return;
    }
    const resolution = resolveSource(index, source);
    if (resolution.problem) this.problems.push({ severity: 'error', message: `${resolution.problem} The build fails on this line.` });
    if (resolution.matches.length === 0 && !resolution.problem) {
      this.problems.push({ severity: 'warning', message: `"${source}" matches nothing in the build context, so it copies nothing.` });
    }
    const wildcard = hasWildcard(source);
    for (const match of resolution.matches) {
      const content = contextContent(index, match.path, match.file);
      if (this.step.kind === 'add' && !content.isDirectory && (await this.extractArchive(match.file.path))) continue;
      this.place(content, sourceCount > 1 || (wildcard && resolution.matches.length > 1));
    }
  }

  private copyFromStage(reference: string, source: string, sourceCount: number): void {
    const stage = this.env.stage(reference);
    if (!stage) return this.copyUnknown(source, `the image "${reference}"`);
    const matches = resolveStagePath(stage.stack, normalizeImagePath(source));
    if (matches.length === 0 && stage.stack.layers.some((layer) => layer.layer.certainty === 'unknown')) {
      return this.copyUnpredicted(source, reference, sourceCount);
    }
    if (matches.length === 0) this.problems.push({ severity: 'error', message: `"${source}" is not in the predicted filesystem of stage "${reference}". The build fails on this line.` });
    for (const match of matches) this.place(stageContent(stage.stack, stage.stage, match.path, match.version), sourceCount > 1 || matches.length > 1);
  }

  /** Maps a source's items onto the destination: into it when it is a directory. */
  private place(content: SourceContent, manySources: boolean): void {
    const destination = normalizeImagePath(this.spec.destinationPath);
    const intoDirectory = manySources || this.spec.destinationPath.endsWith('/') || this.env.below.isDirectory(destination);
    if (!content.isDirectory) {
      // A destination folder the copy creates gets the --chown owner, like the files in it.
      if (intoDirectory && !this.env.below.lookup(destination)) this.writeDestinationDirectory(destination);
      const target = intoDirectory ? joinImagePath(destination, content.name) : destination;
      return this.writeItem(target, content.items[0]);
    }
    this.writeDestinationDirectory(destination);
    for (const item of content.items) this.writeItem(joinImagePath(destination, item.relative), item);
  }

  private writeDestinationDirectory(path: string): void {
    if (path === '/' || this.writer.has(path)) return;
    const certainty = this.env.below.lookup(path)?.entry.certainty === 'estimated' ? 'estimated' : 'exact';
    this.writer.write({ ...createdDirectory(path, { kind: 'parent' }, certainty, this.owner?.uid ?? 0, this.owner?.gid ?? 0) });
  }

  private writeItem(path: string, item: SourceItem): void {
    const owned = this.owner !== null;
    const mode = item.recreated ? 0o755 : this.chmod ?? item.mode;
    this.writer.write({
      path,
      type: item.type,
      size: item.size,
      mode,
      uid: owned ? this.owner?.uid ?? null : item.uid,
      gid: owned ? this.owner?.gid ?? null : item.gid,
      linkTarget: item.linkTarget,
      certainty: owned && this.owner?.uid === null ? 'estimated' : item.certainty,
      origin: item.origin,
    });
  }

  private copyHeredoc(name: string, body: string, sourceCount: number): void {
    const destination = normalizeImagePath(this.spec.destinationPath);
    const intoDirectory = sourceCount > 1 || this.spec.destinationPath.endsWith('/') || this.env.below.isDirectory(destination);
    const path = intoDirectory ? joinImagePath(destination, name) : destination;
    this.writeItem(path, {
      relative: '', type: 'file', size: Buffer.byteLength(body, 'utf8'), mode: 0o644, uid: 0, gid: 0,
      origin: { kind: 'heredoc', name }, certainty: 'exact',
    });
  }

  private copyUrl(url: string, sourceCount: number): void {
    const destination = normalizeImagePath(this.spec.destinationPath);
    const intoDirectory = sourceCount > 1 || this.spec.destinationPath.endsWith('/') || this.env.below.isDirectory(destination);
    const name = baseName(normalizeImagePath(new URL(url).pathname)) || 'index.html';
    const path = intoDirectory ? joinImagePath(destination, name) : destination;
    this.writeItem(path, { relative: '', type: 'file', size: null, mode: 0o600, uid: 0, gid: 0, origin: { kind: 'url', url }, certainty: 'unknown' });
    this.notes.push(`${url} is downloaded at build time; its size is unknown until then.`);
  }

  /**
   * Stands in for a source that a stage's unpredicted step (a RUN) may have made: one entry at
   * the destination, of a guessed type and unknown size.
   */
  private copyUnpredicted(source: string, reference: string, sourceCount: number): void {
    const destination = normalizeImagePath(this.spec.destinationPath);
    const intoDirectory = sourceCount > 1 || this.spec.destinationPath.endsWith('/') || this.env.below.isDirectory(destination);
    // A name with an extension is most likely a file, copied under its name into a directory
    // destination; anything else is taken as a directory, whose contents land in the destination.
    const looksLikeFile = /\.[A-Za-z0-9]+$/.test(source);
    const path = looksLikeFile && intoDirectory ? joinImagePath(destination, baseName(normalizeImagePath(source))) : destination;
    this.writer.write({
      path, type: looksLikeFile ? 'file' : 'directory', size: null, mode: null, uid: this.owner?.uid ?? null, gid: this.owner?.gid ?? null,
      certainty: 'unknown', origin: { kind: 'stage', stage: this.env.stage(reference)?.stage ?? -1, path: normalizeImagePath(source) },
    });
    this.writer.lowerCertainty('unknown');
    this.notes.push(`"${source}" is not among the files predicted for stage "${reference}"; a RUN step there probably makes it, so what it holds is unknown.`);
  }

  private copyUnknown(source: string, what: string): void {
    this.writer.lowerCertainty('unknown');
    this.notes.push(`"${source}" comes from ${what}, whose contents this prediction cannot see.`);
  }

  /** Writes the members of a local archive into the destination; false if it is no archive. */
  private async extractArchive(contextPath: string): Promise<boolean> {
    if (!this.env.listArchive) return false;
    const members = await this.env.listArchive(joinHostPath(this.env.contextRoot, contextPath)).catch(() => null);
    if (!members) return false;
    const destination = normalizeImagePath(this.spec.destinationPath);
    this.writeDestinationDirectory(destination);
    for (const member of members) {
      const path = joinImagePath(destination, member.path);
      if (path === destination) continue;
      this.writer.write({
        path, type: member.type, size: member.type === 'file' ? member.size : 0, mode: member.mode, uid: member.uid, gid: member.gid,
        linkTarget: member.type === 'hardlink' && member.linkTarget ? joinImagePath(destination, member.linkTarget) : member.linkTarget,
        certainty: 'exact', origin: { kind: 'archive', archive: contextPath, member: member.path },
      });
    }
    return true;
  }
}

/** Joins a `/`-separated context path to the context root with the host's separator. */
function joinHostPath(root: string, relative: string): string {
  return join(root, ...relative.split('/'));
}
