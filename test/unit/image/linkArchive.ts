import { analyze } from '../../../src/core/analysis/analyze';
import { ContextDigests } from '../../../src/core/context/contextDigests';
import { builderKindOf, linkedBaseImage } from '../../../src/core/image/linkedBuild';
import { linkDockerfile } from '../../../src/core/image/linkDockerfile';
import { linkAnalysis, type LinkedAnalysis } from '../../../src/core/image/linkedAnalysis';
import { readImage } from '../../../src/core/image/readImage';

/**
 * Links an image archive to a Dockerfile as the editor and `layer-lens image --dockerfile` do:
 * the prediction follows the image's builder and build arguments and stacks on its base layers.
 * The build context is the Dockerfile's folder, whose files are hashed where the comparison needs their digests.
 */
export async function linkArchive(archivePath: string, dockerfilePath: string, text: string, digestBudget?: number): Promise<LinkedAnalysis> {
  const image = await readImage({ kind: 'path', path: archivePath });
  const link = linkDockerfile(image, text, { path: dockerfilePath });
  const base = linkedBaseImage(image, link);
  const prediction = await analyze({
    dockerfilePath,
    text,
    buildArgs: link.buildArgs,
    builder: builderKindOf(link.mapping.builder),
    images: base && ((reference) => (reference === base.reference ? base.known : undefined)),
  });
  return linkAnalysis(prediction, image, link, new ContextDigests(prediction.contextPath).forComparison(digestBudget));
}
