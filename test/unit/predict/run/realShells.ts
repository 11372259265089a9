/** Base images and readers for tests that compare the prediction of a RUN's shell with real shells. */
import { join } from 'node:path';
import type { Analysis } from '../../../../src/core/analysis/types';
import { knownImageOf } from '../../../../src/core/image/knownImage';
import { readImage } from '../../../../src/core/image/readImage';
import type { ImageResolver, KnownImage } from '../../../../src/core/predict/baseImage';
import { defaultPath } from '../../../../src/core/predict/run/script';
import { folderEntry, linkEntry, predict, programEntry } from '../helpers';

/**
 * Reads `busybox-local:2`, a BusyBox root filesystem that Docker Engine 20.10 imported (see
 * fixtures/images/README.md). Its /bin/sh is BusyBox ash, its configuration sets no ENV, and its
 * /etc/passwd gives root the home /root and app (1000) the home /home/app.
 */
export async function readBusyboxImage(): Promise<KnownImage> {
  return knownImageOf(await readImage({ kind: 'path', path: join(__dirname, '../../../fixtures/images/busybox-local-2.tar') }));
}

/** An image with bash at /bin/bash and dash as /bin/sh, whose configuration is read and sets only PATH. */
export const bashAndDashImage: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/bash'), programEntry('/bin/dash'), linkEntry('/bin/sh', 'dash'), folderEntry('/root')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

/**
 * An image whose /bin/sh links to mksh, a shell whose behaviour the prediction has not measured,
 * so it takes the shell to be of unknown kind. Its configuration is read and sets only PATH.
 */
export const mkshImage: KnownImage = {
  layer: { entries: [folderEntry('/bin'), programEntry('/bin/mksh'), linkEntry('/bin/sh', 'mksh'), programEntry('/bin/true'), programEntry('/bin/false'), folderEntry('/root')], certainty: 'exact' },
  config: { env: new Map([['PATH', defaultPath]]) },
};

/** Resolves `busybox-local:2` to `busybox`, `bash-dash` to `bashAndDashImage` and `mksh` to `mkshImage`. */
export function shellImages(busybox: KnownImage): ImageResolver {
  const images: Record<string, KnownImage> = { 'busybox-local:2': busybox, 'bash-dash': bashAndDashImage, mksh: mkshImage };
  return (reference) => images[reference];
}

/** Predicts `lines` after FROM `base`, one of `shellImages`, and returns the analysis with the line number of the last line. */
export async function predictOnShell(busybox: KnownImage, base: string, lines: string): Promise<{ analysis: Analysis; line: number }> {
  const analysis = await predict(`FROM ${base}\n${lines}\n`, {}, { images: shellImages(busybox) });
  return { analysis, line: lines.split('\n').length + 1 };
}

/** Returns the text that the prediction writes to `path`, or `no text`. */
export function textAt(analysis: Analysis, path: string): string {
  const origin = analysis.stack.lookup(path)?.entry.origin;
  return origin?.kind === 'run-text' ? origin.text : 'no text';
}

/** Returns the certainty of the entry at `path` in the merged filesystem, or `undefined` where there is none. */
export function certaintyOf(analysis: Analysis, path: string): string | undefined {
  return analysis.stack.lookup(path)?.entry.certainty;
}

/** Returns the messages of the analysis's errors. */
export function errorsOf(analysis: Analysis): string[] {
  return analysis.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
}

/** Builds the error of a RUN that fails because `command` fails, which the shell reports as `printed`, followed by `hint`. */
export function failedRun(command: string, printed: string, hint: string): string {
  return `This RUN ends with a non-zero exit status because "${command}" fails (${printed}), so the build fails on this line. ${hint}`;
}
