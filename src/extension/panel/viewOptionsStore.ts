/**
 * The view options (filter, sort, deleted paths shown) last used in each Dockerfile's Merged
 * Filesystem panel, kept in the workspace state so that a panel opened again starts with them.
 */
import type * as vscode from 'vscode';
import type { ViewOptions } from '../../protocol/webview';

const STATE_KEY = 'layerLens.mergedFilesystem.viewOptions';
/** Dockerfiles remembered; the least recently used are forgotten first. */
const MAX_DOCUMENTS = 100;

type StoredOptions = Record<string, ViewOptions>;

export class ViewOptionsStore {
  constructor(private readonly memento: vscode.Memento) {}

  get(uri: vscode.Uri): ViewOptions | undefined {
    return this.stored()[uri.toString()];
  }

  async set(uri: vscode.Uri, options: ViewOptions): Promise<void> {
    const key = uri.toString();
    const stored = this.stored();
    // Re-inserting moves the key to the end, so the object's key order is least recently used first.
    delete stored[key];
    stored[key] = options;
    const keys = Object.keys(stored);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_DOCUMENTS))) delete stored[old];
    await this.memento.update(STATE_KEY, stored);
  }

  private stored(): StoredOptions {
    return { ...this.memento.get<StoredOptions>(STATE_KEY, {}) };
  }
}
