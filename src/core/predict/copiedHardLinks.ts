/**
 * Hard links among the files one COPY or ADD writes from the build context. A builder copies the
 * names of a hard-linked file that one copy reaches as one file with several names. The layer tar
 * then stores the name it meets first in its walk as the file, and each later name as a hard link
 * to it. Docker Engine 20.10 (classic builder) and buildah 1.28.2 both wrote
 * `COPY src/ /app/src/` of `src/a.txt` and its hard link `src/hard-a` as the 5-byte file
 * `app/src/a.txt` and the 0-byte `app/src/hard-a link to app/src/a.txt`.
 */
import type { BuilderKind } from '../dockerfile/builders';
import type { WriteEntry } from '../model/layer';
import type { LayerWriter } from './layerWriter';
import { compareWalkOrder } from './run/layerOutput';

export class CopiedHardLinks {
  /** The entries written for each hard-linked file, keyed by copy scope and inode. */
  private readonly groups = new Map<string, WriteEntry[]>();

  /**
   * Records `entry`, written for a context file with inode `inode`. Names share a file only
   * within one `scope`: one run of the builder's copier.
   */
  add(scope: number, inode: string, entry: WriteEntry): void {
    const key = `${scope}/${inode}`;
    const group = this.groups.get(key);
    if (group) group.push(entry);
    else this.groups.set(key, [entry]);
  }

  /**
   * Writes every name but the first in walk order of each file again as a hard link to the first,
   * with no size of its own. A name that a later write replaced no longer belongs to the file.
   */
  apply(writer: LayerWriter): void {
    for (const group of this.groups.values()) {
      const names = group.filter((entry) => writer.get(entry.path) === entry).sort((a, b) => compareWalkOrder(a.path, b.path));
      const first = names[0];
      for (const entry of names.slice(1)) writer.write({ ...entry, type: 'hardlink', size: 0, linkTarget: first.path });
    }
  }
}

/**
 * Tells whether the matches of one wildcard source share hard links, as the names one folder
 * source copies do. The classic builder (Docker Engine 20.10) and buildah 1.28.2 both wrote
 * `COPY e/*.txt /w2/` of two hard-linked names as two plain files, so only BuildKit links them.
 */
export function wildcardMatchesShareFiles(builder: BuilderKind): boolean {
  // NOTE: BuildKit's rule is read from its source, where fsutil's `copy.Copy` copies all matches in
  // one run. No BuildKit build with hard links across matches was recorded.
  return builder === 'buildkit';
}
