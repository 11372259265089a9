/**
 * The message of a command that acts on a Dockerfile, run while none is open. Every such command
 * words it alike. No `vscode` import, so it runs under plain mocha.
 */

/** Returns the message for the command titled `commandTitle`, as the Command Palette names it after "Layer Lens:". */
export function noDockerfileMessage(commandTitle: string): string {
  return `Open a Dockerfile in the editor, then run ${commandTitle} again.`;
}
