/** Builds `layer-lens image --json` reports for tests of the text that renders them. */
import type { ImageJson } from '../../../src/core/report/imageReport';

/** Returns the report of an image archive with no layers and no waste, with `fields` set over it. */
export function imageJson(fields: Partial<ImageJson>): ImageJson {
  return {
    schemaVersion: 1,
    source: 'image',
    image: { source: 'app.tar', format: 'docker-archive', reference: null, platform: null, platforms: [], configDigest: null },
    dockerfile: null,
    stages: [],
    target: null,
    layers: [],
    merged: [],
    deleted: [],
    wasted: 0,
    efficiency: 1,
    ownBytes: null,
    ownWasted: null,
    wastedRatio: null,
    wasteSources: { hidingLayers: [], largestPaths: [], pathCount: 0 },
    problems: [],
    ...fields,
  };
}
