/**
 * Visible escapes for control characters in names that others chose. The CLI, the hover and the
 * Merged Filesystem panel (through a copy in `media/panel/format.js`) all use them, so every view
 * shows a file name with a newline or a tab the same way.
 */

/** C0 controls, DEL, and the C1 controls that some terminals also obey. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Replaces control characters with visible escapes (`\n`, `\t`, `\x1b`). Newlines are escaped
 * too, so that a name cannot start a line of its own; escape each line of a report separately.
 *
 * NOTE: backslashes are not doubled, so a name with a newline shows like a name that contains the
 * text `\n`. A C1 control also shows like the invalid byte of the same value, which
 * `decodeMemberName` writes as the same `\xhh`. docs/images.md lists both cases.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\t') return '\\t';
    if (character === '\r') return '\\r';
    return '\\x' + character.charCodeAt(0).toString(16).padStart(2, '0');
  });
}
