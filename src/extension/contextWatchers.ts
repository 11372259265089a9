/**
 * One file system watcher per build context root in use, shared by the Dockerfiles that use
 * the root. Bursts of changes (a `git checkout`, an `npm install`) report once, debounced.
 */
import * as vscode from 'vscode';
import { KeyedDebouncer } from './debounce';
import { RootUsers, type RootChange } from './rootUsers';

export class ContextWatchers implements vscode.Disposable {
  private readonly byRoot = new Map<string, vscode.FileSystemWatcher>();
  private readonly users = new RootUsers();
  private readonly changes: KeyedDebouncer<string>;
  /** The first changed path per root since its last report, for the log. */
  private readonly firstChange = new Map<string, string>();

  /**
   * @param onChanged runs with the root and the first changed path once changes under it have paused.
   * @param delayFor returns the pause in milliseconds for a root.
   * @param isIgnored returns whether a change to a path needs no new walk.
   * @param onUnwatched runs with a root whose watcher stopped because no Dockerfile uses it any
   *   more. Changes under it from then on go unreported, so a walk of it kept from before goes stale.
   */
  constructor(
    onChanged: (root: string, firstChange: string) => void,
    private readonly delayFor: (root: vscode.Uri) => number,
    private readonly isIgnored: (changed: vscode.Uri) => boolean,
    private readonly onUnwatched: (root: string) => void,
  ) {
    this.changes = new KeyedDebouncer((root) => {
      const firstChange = this.firstChange.get(root) ?? root;
      this.firstChange.delete(root);
      onChanged(root, firstChange);
    });
  }

  /** Records that `user` (a Dockerfile URI) reads `root`, releasing the root it read before. */
  use(user: string, root: string): void {
    this.apply(this.users.use(user, root));
  }

  /** Stops watching for `user`, and disposes a root's watcher once no Dockerfile uses it. */
  release(user: string): void {
    this.apply(this.users.release(user));
  }

  dispose(): void {
    this.changes.dispose();
    for (const watcher of this.byRoot.values()) watcher.dispose();
    this.byRoot.clear();
    this.users.clear();
  }

  private apply({ added, removed }: RootChange): void {
    if (removed !== undefined) this.unwatch(removed);
    if (added !== undefined) this.byRoot.set(added, this.watch(added));
  }

  private unwatch(root: string): void {
    this.byRoot.get(root)?.dispose();
    this.byRoot.delete(root);
    this.changes.cancel(root);
    this.firstChange.delete(root);
    this.onUnwatched(root);
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
