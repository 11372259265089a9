/**
 * Follows which text documents a tab shows. VS Code fires `onDidCloseTextDocument` only when it
 * disposes a document, which can be minutes after its last tab went away in code-server 4.100.3
 * (for example when a preview tab is replaced), so the last tab's close is the user's close.
 */
import * as vscode from 'vscode';

/** The documents that a tab showed or stopped showing in one change of the tabs. */
export interface ShownTabsChange {
  /** Documents that no tab in any group shows any more. */
  hidden: vscode.Uri[];
  /** Documents that a tab shows and no tab showed before. */
  shown: vscode.Uri[];
}

export class ShownTabs implements vscode.Disposable {
  /** The documents a tab shows, by URI string. */
  private uris = shownUris();
  private readonly changed = new vscode.EventEmitter<ShownTabsChange>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires when a document gains its first tab or loses its last one. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.window.tabGroups.onDidChangeTabs(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()),
    ];
  }

  /** Returns whether a tab in any group shows the document. */
  has(uri: vscode.Uri): boolean {
    return this.uris.has(uri.toString());
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Compares every tab with the last state instead of reading the event, so that a close, a replaced input and a move count alike. */
  private update(): void {
    const previous = this.uris;
    this.uris = shownUris();
    const hidden = [...previous.values()].filter((uri) => !this.uris.has(uri.toString()));
    const shown = [...this.uris.values()].filter((uri) => !previous.has(uri.toString()));
    if (hidden.length > 0 || shown.length > 0) this.changed.fire({ hidden, shown });
  }
}

/** Returns the documents shown by a text or diff tab in any group, by URI string. */
function shownUris(): Map<string, vscode.Uri> {
  const uris = new Map<string, vscode.Uri>();
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    for (const uri of tabUris(tab.input)) uris.set(uri.toString(), uri);
  }
  return uris;
}

function tabUris(input: unknown): vscode.Uri[] {
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}
