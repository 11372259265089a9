/**
 * What a real builder wrote for one case, stored as JSON in `recordings/NAME.BUILDER.json`, and
 * how it is made from an image archive. Only facts that stay the same from build to build are
 * kept: build times, content hashes and digests change on every run, so they are left out.
 */
import { readImage } from '../../src/core/image/readImage';
import { stackImage } from '../../src/core/image/stackImage';
import type { EntryType } from '../../src/core/model/layer';
import type { ClassifiedEntry } from '../../src/core/model/stack';

export type RecordedBuilder = 'classic' | 'buildah';

export interface RecordedEntry {
  path: string;
  /** `opaque`: a directory whose lower children this layer hides (overlay's `.wh..wh..opq`). */
  status: 'added' | 'modified' | 'deleted' | 'opaque';
  type?: EntryType;
  size?: number;
  /** Octal permission bits, such as `0644`. */
  mode?: string;
  uid?: number;
  gid?: number;
  linkTarget?: string;
  /** A directory that exists below and is only re-stated as the ancestor of another entry. */
  implicitParent?: true;
}

export interface RecordedLayer {
  /** The history entry's `created_by`. */
  createdBy: string;
  /** True when the history entry has no layer of its own. */
  emptyLayer: boolean;
  entries: RecordedEntry[];
}

export interface Recording {
  case: string;
  builder: RecordedBuilder;
  /** The builder's name and version, and its storage driver. */
  tool: string;
  storage: string;
  status: 'ok' | 'rejected';
  /** The builder's last output lines, for a rejected build. */
  error?: string;
  /** One per history entry above the base image. */
  layers: RecordedLayer[];
}

/** Reads a built image archive into the layers above its base image's `baseLayers` layers. */
export async function recordImage(archivePath: string, baseLayers: number): Promise<RecordedLayer[]> {
  const image = await readImage({ kind: 'path', path: archivePath });
  const { stack } = stackImage(image);
  // History entries of the base image come first; the case's own entries start after the
  // entry that made the base image's last layer.
  const lastBaseStep = image.steps.findIndex((step) => step.layer === baseLayers - 1);
  const start = baseLayers === 0 ? 0 : lastBaseStep + 1;
  return stack.layers.slice(start).map((stacked) => ({
    createdBy: image.steps[stacked.index].history.createdBy,
    emptyLayer: image.steps[stacked.index].layer === null,
    entries: describeEntries(stacked.entries),
  }));
}

/** Describes a stacked layer's entries as a recording lists them. */
export function describeEntries(entries: readonly ClassifiedEntry[]): RecordedEntry[] {
  const paths = entries.map((item) => item.entry.path);
  return entries.map((item) => describeEntry(item, paths));
}

function describeEntry(item: ClassifiedEntry, layerPaths: string[]): RecordedEntry {
  const entry = item.entry;
  if (entry.op === 'delete') return { path: entry.path, status: 'deleted' };
  const recorded: RecordedEntry = {
    path: entry.path,
    status: entry.opaque ? 'opaque' : item.change === 'modified' ? 'modified' : 'added',
    type: entry.type,
    size: entry.size ?? undefined,
    mode: entry.mode === null ? undefined : entry.mode.toString(8).padStart(4, '0'),
    uid: entry.uid ?? undefined,
    gid: entry.gid ?? undefined,
  };
  if (entry.linkTarget !== undefined) recorded.linkTarget = entry.linkTarget;
  const prefix = entry.path + '/';
  if (entry.type === 'directory' && item.change === 'modified' && !entry.opaque && layerPaths.some((path) => path.startsWith(prefix))) {
    recorded.implicitParent = true;
  }
  return recorded;
}
