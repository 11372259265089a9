/** Builds throwaway build contexts on disk and renders predicted layers as text lines. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Analysis, Step } from '../../../src/core/analysis/types';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import type { WriteEntry } from '../../../src/core/model/layer';
import type { ImageResolver, KnownImage } from '../../../src/core/predict/baseImage';
import type { TextEdit } from '../../../src/core/predict/run/quickFixes';

/** A context file: text content, `{ link }` for a symlink, `{ dir: true }`, or content with a mode. */
export type ContextSpec = Record<string, string | { link: string } | { dir: true } | { content: string | Buffer; mode: number }>;

const made: string[] = [];

/** Writes a context to a new temporary folder and returns its path. */
export function makeContext(files: ContextSpec): string {
  const root = mkdtempSync(join(tmpdir(), 'layer-lens-context-'));
  made.push(root);
  for (const [path, spec] of Object.entries(files)) {
    const target = join(root, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    if (typeof spec === 'string') writeFileSync(target, spec);
    else if ('link' in spec) symlinkSync(spec.link, target);
    else if ('dir' in spec) mkdirSync(target, { recursive: true });
    else {
      writeFileSync(target, spec.content);
      chmodSync(target, spec.mode);
    }
  }
  return root;
}

export function removeContexts(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

/**
 * Returns a read base image with nothing but a shell at /bin/sh. A RUN needs /bin/sh, so tests of RUN
 * commands start `FROM shell-only`: the stage's files are all known, as after `FROM scratch`.
 */
export function shellOnlyImage(): KnownImage {
  return {
    layer: {
      entries: [
        { op: 'write', path: '/bin', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' },
        { op: 'write', path: '/bin/sh', type: 'file', size: 1024, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' },
      ],
      certainty: 'exact',
    },
  };
}

/** Returns a root-owned folder, mode 0755, for the layer of a base image written by hand. */
export function folderEntry(path: string): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' };
}

/** Returns a root-owned executable file of 1024 bytes, mode 0755, for the layer of a base image written by hand. */
export function programEntry(path: string): WriteEntry {
  return { op: 'write', path, type: 'file', size: 1024, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' };
}

/** Returns a symlink to `linkTarget`, for the layer of a base image written by hand. */
export function linkEntry(path: string, linkTarget: string): WriteEntry {
  return { op: 'write', path, type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, certainty: 'exact', linkTarget };
}

/** Resolves `shell-only` to `shellOnlyImage()`; every other image stays unread. */
export function testImages(reference: string): KnownImage | undefined {
  return reference === 'shell-only' ? shellOnlyImage() : undefined;
}

/** Analyses a Dockerfile text against a context made from `files`. */
export async function predict(dockerfile: string, files: ContextSpec = {}, options: { target?: string; buildArgs?: Record<string, string>; builder?: BuilderKind; images?: ImageResolver } = {}): Promise<Analysis> {
  const root = makeContext({ Dockerfile: dockerfile, ...files });
  return analyze({ dockerfilePath: join(root, 'Dockerfile'), text: dockerfile, images: testImages, ...options });
}

/** Returns the step that starts on `line`, failing the test when there is none. */
export function stepAt(analysis: Analysis, line: number): Step {
  const step = analysis.steps.find((candidate) => candidate.line === line);
  if (!step) throw new Error(`no step starts on line ${line}`);
  return step;
}

/** Returns `uid:gid certainty` of the entry for `path` in the layer of the step on `line`. */
export function ownerAt(analysis: Analysis, line: number, path: string): string {
  const entry = analysis.stack.layers[stepAt(analysis, line).index].entries.find((classified) => classified.entry.path === path)?.entry;
  if (!entry) throw new Error(`no entry for ${path} on line ${line}`);
  if (entry.op !== 'write') throw new Error(`the entry for ${path} on line ${line} is a whiteout`);
  return `${entry.uid ?? '?'}:${entry.gid ?? '?'} ${entry.certainty}`;
}

/** Renders the entries of the step that starts on `line` as `path certainty` lines. */
export function certaintiesAt(analysis: Analysis, line: number): string[] {
  return analysis.stack.layers[stepAt(analysis, line).index].entries.map(({ entry }) => `${entry.path} ${entry.certainty}`);
}

/** Renders the changes of the step that starts on `line` as `path change type` lines. */
export function changesAt(analysis: Analysis, line: number, detail: 'plain' | 'owner' = 'plain'): string[] {
  const step = stepAt(analysis, line);
  return analysis.stack.layers[step.index].entries.map(({ entry, change }) => {
    if (entry.op === 'delete') return `${entry.path} deleted`;
    const base = `${entry.path} ${change} ${entry.type}`;
    if (detail === 'plain') return base;
    return `${base} ${entry.mode === null ? '?' : entry.mode.toString(8).padStart(4, '0')} ${entry.uid ?? '?'}:${entry.gid ?? '?'}`;
  });
}

/** Lists the steps as `line instruction layer|empty`. */
export function stepSummary(analysis: Analysis): string[] {
  return analysis.steps.map((step) => `${step.line} ${step.instruction} ${step.emptyLayer ? 'empty' : 'layer'}`);
}

/** Applies edits to a text, last first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
