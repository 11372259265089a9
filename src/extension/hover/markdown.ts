/** Markdown building blocks for hovers and tooltips: code spans, plain text and command links. No `vscode` import. */

/** Wraps text in a code span whose fence is longer than any backtick run inside it. */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${text}${padding}${fence}`;
}

/**
 * Escapes plain text for Markdown, so that a path such as `__pycache__` or a command with `*`
 * shows as written instead of as emphasis. The escaped set is that of VS Code's
 * `MarkdownString.appendText`, with `<`, `>`, `|` and `~` added for HTML, tables and strikethrough.
 */
export function plainText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}

/**
 * Builds a link that runs a command with JSON arguments. VS Code runs it only when the hover's
 * `isTrusted` names the command.
 */
export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
