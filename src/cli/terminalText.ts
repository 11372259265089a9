/**
 * Text for a terminal from names that others chose: a file or history entry named with escape
 * sequences could otherwise clear the screen, retitle the window or hide lines of the report.
 */

/** C0 controls, DEL, and the C1 controls that some terminals also obey. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Replaces control characters with visible escapes (`\n`, `\t`, `\x1b`). Newlines are escaped
 * too, so that a name cannot start a line of its own; escape each line of a report separately.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\t') return '\\t';
    if (character === '\r') return '\\r';
    return '\\x' + character.charCodeAt(0).toString(16).padStart(2, '0');
  });
}
