/**
 * Data for the browser tests of the Merged Filesystem webview: a real analysis of a fixture, a
 * real image with deletions, and a generated stack of 200,000 paths.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis } from '../../../src/core/image/linkedAnalysis';
import type { Analysis, Problem } from '../../../src/core/analysis/types';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import { makeLayer, type LayerEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { buildMergedView } from '../../../src/core/report/mergedView';
import { describeDeletedContents } from '../../../src/extension/panel/deletedContents';
import { buildPanelData } from '../../../src/extension/panel/panelData';
import type { ExtensionMessage, LayerInfo, PanelData } from '../../../src/protocol/webview';

const fixtures = path.join(__dirname, '../../fixtures');
export const shadowDockerfile = path.join(fixtures, 'panel/shadow/Dockerfile');

export async function analyzeShadowFixture(): Promise<Analysis> {
  return analyze({ dockerfilePath: shadowDockerfile, text: readFileSync(shadowDockerfile, 'utf8') });
}

/** A Dockerfile whose COPY --from and RUN steps write what the prediction cannot list, and a base image it cannot read. */
export const unknownDockerfile = path.join(fixtures, 'panel/unknown/Dockerfile');

/**
 * Lays out the analysis of `unknownDockerfile` as of `layer`, the top layer by default, of the
 * chain of `stage`, the target by default. Stage 0 is `deps` and stage 1 the target.
 */
export async function unknownPanelData(layer?: number, stage?: number): Promise<PanelData> {
  const analysis = await analyze({ dockerfilePath: unknownDockerfile, text: readFileSync(unknownDockerfile, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${unknownDockerfile}`, fileName: 'Dockerfile' }, layer ?? Number.MAX_SAFE_INTEGER, stage);
}

/** Lays out the `build` stage (stage 0) of a Dockerfile whose RUN writes and then removes a file in the unread base image's /tmp. */
export async function baseTmpPanelData(): Promise<PanelData> {
  const dockerfilePath = path.join(fixtures, 'panel/base-tmp/Dockerfile');
  const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined, 0);
}

/**
 * Lays out a Dockerfile whose only problem is a waste hint on a RUN of its target, `runtime`
 * (stage 1), as the panel opens it at `stage`.
 */
export async function stageProblemsPanelData(stage: number, isShown?: (problem: Problem) => boolean): Promise<PanelData> {
  const dockerfilePath = path.join(fixtures, 'panel/stage-problems/Dockerfile');
  const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined, stage, isShown);
}

/** A Dockerfile whose COPY of a missing file fails, so the build never reaches the COPY after it. */
export const failingDockerfile = path.join(fixtures, 'panel/failing/Dockerfile');

/** Lays out the analysis of `failingDockerfile` as of its top layer. */
export async function failingPanelData(): Promise<PanelData> {
  const analysis = await analyze({ dockerfilePath: failingDockerfile, text: readFileSync(failingDockerfile, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${failingDockerfile}`, fileName: 'Dockerfile' }, Number.MAX_SAFE_INTEGER);
}

/** Lays out the analysis of `failingDockerfile` as the panel opens it, with no layer requested. */
export async function openedFailingPanelData(): Promise<PanelData> {
  const analysis = await analyze({ dockerfilePath: failingDockerfile, text: readFileSync(failingDockerfile, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${failingDockerfile}`, fileName: 'Dockerfile' }, undefined);
}

/**
 * A Dockerfile of two stages whose LABEL on line 6, in the target, has an unclosed quote, so
 * builders reject the whole Dockerfile. The target copies a file from stage 0, `build`.
 */
export const rejectedDockerfile = path.join(fixtures, 'panel/rejected/Dockerfile');

/** Lays out the analysis of `rejectedDockerfile` as the panel opens it at `stage`, the target by default. */
export async function openedRejectedPanelData(stage?: number): Promise<PanelData> {
  const analysis = await analyze({ dockerfilePath: rejectedDockerfile, text: readFileSync(rejectedDockerfile, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${rejectedDockerfile}`, fileName: 'Dockerfile' }, undefined, stage);
}

/**
 * Predicts a RUN that deletes `/root/.cache/pip`, which no layer lists: only the base image,
 * which is not read, may hold it. Lays it out as the panel opens it.
 */
export async function unlistedDeletionPanelData(): Promise<PanelData> {
  const dockerfilePath = path.join(fixtures, 'panel/unlisted/Dockerfile');
  const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined);
}

/** Predicts symlinks and hard links that RUN steps make in `/app`, and lays them out as the panel opens them. */
export async function linksPanelData(): Promise<PanelData> {
  const dockerfilePath = path.join(fixtures, 'cases/19-links/Dockerfile');
  const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined);
}

/** Predicts a file that a COPY writes, a RUN changes and a later RUN deletes, and lays it out as the panel opens it. */
export async function rewrittenPanelData(): Promise<PanelData> {
  const dockerfilePath = path.join(fixtures, 'panel/rewritten/Dockerfile');
  const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
  return buildPanelData(analysis, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined);
}

/** Lays out one layer that writes the folder `/data` and a file of each name in it. */
export function namedFilesPanelData(names: string[]): PanelData {
  const folder: LayerEntry = { op: 'write', path: '/data', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' };
  const files = names.map((name): LayerEntry => ({ op: 'write', path: `/data/${name}`, type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' }));
  const stack = new LayerStack();
  stack.push(makeLayer([folder, ...files]));
  return {
    uri: 'file:///generated/Dockerfile',
    fileName: 'Dockerfile',
    layers: plainLayers(stack, ['COPY data/ /data/']),
    view: buildMergedView({ stack }, stack.top),
    problemCount: 0,
    stageProblemCount: 0,
    contextProblemCount: 0,
    stage: 0,
    stages: [],
  };
}

/** Returns the paths of the rows of a panel's view, as `/parent/name`. */
export function pathsOf(data: PanelData): string[] {
  const { names, parents } = data.view.rows;
  const paths: string[] = [];
  for (let row = 0; row < names.length; row++) paths.push(parents[row] < 0 ? `/${names[row]}` : `${paths[parents[row]]}/${names[row]}`);
  return paths;
}

export function message(type: 'init' | 'update', data: PanelData): ExtensionMessage {
  return { type, ...data };
}

/** Describes stack layers that have no Dockerfile step, giving layer i the line i + 1. */
function plainLayers(stack: LayerStack, texts: string[]): LayerInfo[] {
  return stack.layers.map((stacked) => ({
    index: stacked.index,
    stage: 0,
    line: stacked.index + 1,
    endLine: stacked.index + 1,
    instruction: texts[stacked.index]?.split(' ')[0] || 'LAYER',
    text: texts[stacked.index] || `layer ${stacked.index}`,
    emptyLayer: stacked.layer.entries.length === 0,
    certainty: 'exact',
    bytes: stacked.summary.added.bytes + stacked.summary.modified.bytes,
    unknownSizes: 0,
  }));
}

/**
 * Reads a real image built with `RUN rm -rf`, so its layers delete paths (an opaque directory
 * and whiteouts), and lays it out as of its top layer.
 */
export async function imagePanelData(): Promise<PanelData> {
  const image = await readImage({ kind: 'path', path: path.join(fixtures, 'images/16-rm-rf-recreate.docker-overlay2.tar') });
  const { stack } = stackImage(image);
  const texts = image.steps.map((step) => step.history.createdBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '').trim());
  const view = buildMergedView({ stack }, stack.top);
  return {
    uri: 'file:///images/16-rm-rf-recreate',
    fileName: '16-rm-rf-recreate',
    layers: plainLayers(stack, texts),
    view: { ...view, rows: { ...view.rows, deletedContents: describeDeletedContents(stack, view.rows) } },
    problemCount: 0,
    stageProblemCount: 0,
    contextProblemCount: 0,
    stage: 0,
    stages: [],
  };
}

/**
 * Links the real image built from the `16-rm-rf-recreate` case to its Dockerfile, as the command
 * "Link Image" does, and lays it out as the panel opens it. The image's base layer was made by
 * `docker import`, so its history entry records no command.
 */
export async function linkedImagePanelData(): Promise<PanelData> {
  const dockerfilePath = path.join(fixtures, 'cases/16-rm-rf-recreate/Dockerfile');
  const text = readFileSync(dockerfilePath, 'utf8');
  const image = await readImage({ kind: 'path', path: path.join(fixtures, 'images/16-rm-rf-recreate.docker-overlay2.tar') });
  const linked = linkAnalysis(await analyze({ dockerfilePath, text }), image, linkDockerfile(image, text, { path: dockerfilePath }));
  return buildPanelData(linked, { uri: `file://${dockerfilePath}`, fileName: 'Dockerfile' }, undefined);
}

/**
 * Generates a stack of `count` files in 200 folders over 4 layers, plus one file at the top
 * whose name is HTML. The last layers rewrite every 10th file and delete every 25th, so the
 * view has shadowed and deleted rows.
 */
export function largePanelData(count: number): PanelData {
  const folders = 200;
  const perFolder = Math.ceil(count / folders);
  const base: LayerEntry[] = [];
  const rewrites: LayerEntry[] = [];
  const deletions: LayerEntry[] = [];
  for (let folder = 0; folder < folders; folder++) {
    const folderPath = `/usr/lib/pkg${String(folder).padStart(3, '0')}`;
    base.push({ op: 'write', path: folderPath, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' });
    for (let file = 0; file < perFolder && folder * perFolder + file < count; file++) {
      const filePath = `${folderPath}/file${String(file).padStart(4, '0')}.so`;
      base.push({ op: 'write', path: filePath, type: 'file', size: 1000 + file, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' });
      if (file % 10 === 0) rewrites.push({ op: 'write', path: filePath, type: 'file', size: 2000 + file, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' });
      if (file % 25 === 1) deletions.push({ op: 'delete', path: filePath, certainty: 'exact' });
    }
  }
  // A name that would become an element if the panel rendered names as HTML.
  base.push({ op: 'write', path: '/<img src=x onerror=alert(1)>', type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, certainty: 'exact' });
  const stack = new LayerStack();
  for (const entries of [[], base, rewrites, deletions]) stack.push(makeLayer(entries));
  return {
    uri: 'file:///generated/Dockerfile',
    fileName: 'Dockerfile',
    layers: plainLayers(stack, ['FROM scratch', 'COPY lib/ /usr/lib/', 'COPY patches/ /usr/lib/', 'RUN rm -f unused']),
    view: buildMergedView({ stack }, stack.top),
    problemCount: 0,
    stageProblemCount: 0,
    contextProblemCount: 0,
    stage: 0,
    stages: [],
  };
}

/**
 * Lays out a stack whose second layer only changes the mode of `/app/main.py`, as `RUN chmod +x`
 * does, and whose third adds a file with a mode and an owner the prediction cannot name, as
 * `COPY --chown=node:node --chmod=0640` does.
 */
export function modePanelData(): PanelData {
  const file = (path: string, mode: number, uid: number | null, gid: number | null): LayerEntry => ({ op: 'write', path, type: 'file', size: 88, mode, uid, gid, certainty: 'exact' });
  const stack = new LayerStack();
  stack.push(makeLayer([{ op: 'write', path: '/app', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' }, file('/app/main.py', 0o644, 0, 0)]));
  stack.push(makeLayer([file('/app/main.py', 0o755, 0, 0)]));
  stack.push(makeLayer([file('/app/entry.js', 0o640, null, null)]));
  return {
    uri: 'file:///generated/Dockerfile',
    fileName: 'Dockerfile',
    layers: plainLayers(stack, ['COPY . /app', 'RUN chmod +x /app/main.py', 'COPY --chown=node:node --chmod=0640 index.js /app/entry.js']),
    view: buildMergedView({ stack }, stack.top),
    problemCount: 0,
    stageProblemCount: 0,
    contextProblemCount: 0,
    stage: 0,
    stages: [],
  };
}

export function shadowPanelData(analysis: Analysis, layer: number): PanelData {
  return buildPanelData(analysis, { uri: `file://${shadowDockerfile}`, fileName: 'Dockerfile' }, layer);
}
