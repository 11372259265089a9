/**
 * Files and folders the builder itself puts into a RUN container. Docker's classic builder, BuildKit and
 * buildah bind-mount /etc/hosts, /etc/resolv.conf and /etc/hostname, so what a command writes
 * there never reaches the layer (recorded with Docker Engine 20.10.24 and buildah 1.28.2,
 * conformance case 76-etc-hosts-mount). buildah also leaves its mount points in the layer.
 */
import type { BuilderKind } from '../../dockerfile/builders';
import type { LayerEntry } from '../../model/layer';
import { ancestorPaths } from '../../model/paths';
import type { LayerStack } from '../../model/stack';
import { recordDoubt, type RunReport } from './context';
import type { FileState, RunView } from './view';

const mountedFiles = ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf'];

/** Returns the files mounted into every RUN container, by path. */
export function runMounts(): Map<string, FileState> {
  // The builder writes these files from the build's network settings, so their size is unknown.
  const state: FileState = { type: 'file', size: null, mode: 0o644, uid: 0, gid: 0, certainty: 'unknown' };
  return new Map(mountedFiles.map((path) => [path, state]));
}

/**
 * Lists what buildah 1.28 adds to every RUN layer: the mount points it creates where the image
 * has none (empty files of mode 0755, folders), and /run, which each RUN changes.
 */
export function buildahLeftovers(builder: BuilderKind | undefined, below: LayerStack, entries: LayerEntry[]): LayerEntry[] {
  if (builder !== 'buildah') return [];
  const written = new Set(entries.map((entry) => entry.path));
  const leftovers: LayerEntry[] = [];
  for (const path of ['/dev', '/proc', '/run', '/sys']) {
    if (written.has(path) || (path !== '/run' && below.lookup(path))) continue;
    leftovers.push({ op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' });
  }
  if (!below.isDirectory('/etc')) return leftovers;
  for (const path of mountedFiles) {
    if (written.has(path) || below.lookup(path)) continue;
    leftovers.push({ op: 'write', path, type: 'file', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' });
  }
  return leftovers;
}

/**
 * Creates a missing WORKDIR folder as buildah does for the first RUN or COPY that needs it,
 * owned by the USER in force (recorded: USER 1000 gets /srv/work owned by 1000).
 */
export function createWorkdir(builder: BuilderKind | undefined, view: RunView, report: RunReport, workdir: string, uid: number | null, gid: number | null): void {
  if (builder !== 'buildah' || workdir === '/') return;
  // buildah's mkdir follows symlinks, dangling ones too, so `/dg/sub` under `/dg -> /nowhere` makes /nowhere and /nowhere/sub.
  const folder = view.resolve(workdir);
  for (const path of [...ancestorPaths(folder), folder]) {
    const presence = view.lookup(path).presence;
    // An unread base image may have the folder already; then buildah leaves it as it is.
    if (presence === 'yes' || (presence === 'maybe' && path !== folder)) continue;
    const certainty = uid === null || presence === 'maybe' ? 'estimated' : 'exact';
    // A USER without a number has its own note.
    if (presence === 'maybe') recordDoubt(report, path, 'may-exist');
    else if (uid === null) recordDoubt(report, path, 'noted');
    view.write(path, { type: 'directory', size: 0, mode: 0o755, uid, gid, certainty, origin: { kind: 'workdir' } });
  }
}
