/**
 * Checks whether buildah's other ignore file explains where a buildah image differs from the
 * prediction. buildah 1.28 reads `<Dockerfile>.dockerignore` only for some `-f` paths and else
 * the context's own ignore file (see `buildahIgnoreFileNote`). When a prediction that reads that
 * file agrees with the image on a line, the build most likely read it.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { analyze, type AnalyzeInput } from '../analysis/analyze';
import type { Problem } from '../analysis/types';
import type { ContextDigest } from '../context/contextDigests';
import { chosenIgnoreFile } from '../context/ignoreFile';
import { linkAnalysis } from './linkedAnalysis';
import type { DockerfileLink } from './linkDockerfile';
import type { ImageData } from './types';

/**
 * Returns the lines of `differences` on which a buildah prediction that reads the context's own
 * ignore file (or none) in place of the Dockerfile's agrees with the image. Returns none when
 * that prediction stops on a step, because its later steps are then not compared.
 */
export async function linesFallbackExplains(input: AnalyzeInput, image: ImageData, link: DockerfileLink, differences: readonly Problem[], digests?: ContextDigest): Promise<number[]> {
  if (differences.length === 0) return [];
  const contextPath = resolve(input.contextPath ?? dirname(input.dockerfilePath));
  const dockerfilePath = relativeFlagDockerfile(input.dockerfilePath, contextPath);
  // An ignore file beside that made-up path would be read first, in place of the context's.
  const fallback = await chosenIgnoreFile(contextPath, { containerIgnore: true });
  if ((await chosenIgnoreFile(contextPath, { dockerfilePath, containerIgnore: true })) !== fallback) return [];

  const linked = linkAnalysis(await analyze({ ...input, dockerfilePath, incremental: undefined }), image, link, digests);
  if (linked.steps.some((step) => step.failed || step.notReached)) return [];
  const stillDiffer = new Set(linked.image.differences.map((difference) => difference.line));
  return differences.filter((difference) => !stillDiffer.has(difference.line)).map((difference) => difference.line);
}

/**
 * Returns the path at which buildah looks for the Dockerfile's own ignore file after
 * `buildah bud -f ctx/Dockerfile ctx` from the context's parent folder: the relative -f joined
 * onto the context folder (`ctx/ctx/Dockerfile`). Only the ignore file is looked for there.
 */
function relativeFlagDockerfile(dockerfilePath: string, contextPath: string): string {
  return join(contextPath, relative(dirname(contextPath), resolve(dockerfilePath)));
}
