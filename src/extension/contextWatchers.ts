/**
 * One file system watcher per build context root in use, shared by the Dockerfiles that use
 * the root. Bursts of changes (a `git checkout`, an `npm install`) report once, debounced.
 */
import * as vscode from 'vscode';
import { KeyedDebouncer } from './debounce';

interface Watched {
  watcher: vscode.FileSystemWatcher;
  users: Set<string>;
}

export class ContextWatchers implements vscode.Disposable {
  private readonly byRoot = new Map<string, Watched>();
  private readonly rootOfUser = new Map<string, string>();
  private readonly changes: KeyedDebouncer<string>;
  /** The first changed path per root since its last report, for the log. */
  private readonly firstChange = new Map<string, string>();

  /**
   * @param onChanged runs with the root and the first changed path once changes under it have paused.
   * @param delayFor returns the pause in milliseconds for a root.
   * @param isIgnored returns whether a change to a path needs no new walk.
   */
  constructor(
    onChanged: (root: string, firstChange: string) => void,
    private readonly delayFor: (root: vscode.Uri) => number,
    private readonly isIgnored: (changed: vscode.Uri) => boolean,
  ) {
    this.changes = new KeyedDebouncer((root) => {
      const firstChange = this.firstChange.get(root) ?? root;
      this.firstChange.delete(root);
      onChanged(root, firstChange);
    });
  }

  /** Records that `user` (a Dockerfile URI) reads `root`, releasing the root it read before. */
  use(user: string, root: string): void {
    if (this.rootOfUser.get(user) === root) return;
    this.release(user);
    this.rootOfUser.set(user, root);
    let watched = this.byRoot.get(root);
    if (!watched) {
      watched = { watcher: this.watch(root), users: new Set() };
      this.byRoot.set(root, watched);
    }
    watched.users.add(user);
  }

  /** Stops watching for `user`, and disposes a root's watcher once no Dockerfile uses it. */
  release(user: string): void {
    const root = this.rootOfUser.get(user);
    if (root === undefined) return;
    this.rootOfUser.delete(user);
    const watched = this.byRoot.get(root);
    watched?.users.delete(user);
    if (watched && watched.users.size === 0) {
      watched.watcher.dispose();
      this.byRoot.delete(root);
      this.changes.cancel(root);
      this.firstChange.delete(root);
    }
  }

  dispose(): void {
    this.changes.dispose();
    for (const watched of this.byRoot.values()) watched.watcher.dispose();
    this.byRoot.clear();
    this.rootOfUser.clear();
  }

  // NOTE: changes to ignored paths (node_modules under a `.dockerignore` rule) also trigger a new walk.
  private watch(root: string): vscode.FileSystemWatcher {
    const rootUri = vscode.Uri.file(root);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(rootUri, '**/*'));
    const changed = (uri: vscode.Uri) => {
      if (this.isIgnored(uri)) return;
      if (!this.firstChange.has(root)) this.firstChange.set(root, uri.fsPath);
      this.changes.schedule(root, this.delayFor(rootUri));
    };
    watcher.onDidCreate(changed);
    watcher.onDidChange(changed);
    watcher.onDidDelete(changed);
    return watcher;
  }
}
