/** The Layer Lens output channel and the short notices that point to it. */
import * as vscode from 'vscode';
import { failureDetail } from './logDetail';

/** Creates the "Layer Lens" log channel; its level follows the user's log level setting. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Layer Lens', { log: true });
}

const openOutput = 'Open Output';

/**
 * Shows short notices with an "Open Output" button, each distinct text once, so an analysis that
 * fails on every edit does not raise a notification per keystroke. The detail goes to the log,
 * and repeats go to the log at debug level only.
 */
export class Notifier {
  private readonly shown = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  warn(message: string): void {
    if (!this.remember(message)) {
      this.log.debug(`Repeated: ${message}`);
      return;
    }
    this.log.warn(message);
    void this.offerOutput(vscode.window.showWarningMessage(message, openOutput));
  }

  /** Logs a failure with its error and shows the message once. */
  error(message: string, error: unknown): void {
    if (!this.remember(message)) {
      this.log.debug(`Repeated: ${message}`);
      return;
    }
    this.log.error(message, ...failureDetail(message, error));
    void this.offerOutput(vscode.window.showErrorMessage(message, openOutput));
  }

  /** Logs a failure with its error and shows the message even when it was shown before, for a command the user ran. */
  errorNow(message: string, error: unknown): void {
    this.shown.add(message);
    this.log.error(message, ...failureDetail(message, error));
    void this.offerOutput(vscode.window.showErrorMessage(message, openOutput));
  }

  /** Lets every notice show again, for when the user asks for a fresh analysis. */
  reset(): void {
    this.shown.clear();
  }

  private remember(message: string): boolean {
    if (this.shown.has(message)) return false;
    this.shown.add(message);
    return true;
  }

  private async offerOutput(choice: Thenable<string | undefined>): Promise<void> {
    if ((await choice) === openOutput) this.log.show(true);
  }
}

/** Returns an error's message, or the value as text when something else was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
