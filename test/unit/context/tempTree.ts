/** Builds real folders in a temporary directory for the context tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * A tree description: a path ending in `/` is a directory, `{ link }` a symlink, `{ fifo }` a
 * named pipe, and a string the content of a file. Parents are created as needed.
 */
export type TreeSpec = Record<string, string | { link: string } | { fifo: true }>;

export function makeTree(spec: TreeSpec): string {
  const root = mkdtempSync(path.join(tmpdir(), 'layer-lens-context-'));
  for (const [relative, content] of Object.entries(spec)) {
    const target = path.join(root, relative);
    if (relative.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof content === 'string') writeFileSync(target, content);
    else if ('link' in content) symlinkSync(content.link, target);
    else execFileSync('mkfifo', [target]);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
