/** The image linked to each Dockerfile, remembered in the workspace state across reloads. */
import * as vscode from 'vscode';
import { isImageSpec, type ImageSpec } from './imageSpec';

const stateKey = 'layerLens.imageLinks';

export class ImageLinks implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the Dockerfile's URI after a link is made or removed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(dockerfile: vscode.Uri): ImageSpec | undefined {
    const value = this.all()[dockerfile.toString()];
    return isImageSpec(value) ? value : undefined;
  }

  async set(dockerfile: vscode.Uri, spec: ImageSpec): Promise<void> {
    await this.state.update(stateKey, { ...this.all(), [dockerfile.toString()]: spec });
    this.changed.fire(dockerfile);
  }

  /** Removes the link; returns whether there was one. */
  async delete(dockerfile: vscode.Uri): Promise<boolean> {
    const links = this.all();
    if (!(dockerfile.toString() in links)) return false;
    delete links[dockerfile.toString()];
    await this.state.update(stateKey, links);
    this.changed.fire(dockerfile);
    return true;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private all(): Record<string, unknown> {
    const value = this.state.get<unknown>(stateKey);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  }
}
