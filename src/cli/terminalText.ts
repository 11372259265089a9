/**
 * Text for a terminal from names that others chose: a file or history entry named with escape
 * sequences could otherwise clear the screen, retitle the window or hide lines of the report.
 * The escapes are the core's, so that the hover and the panel show names the same way.
 */
export { escapeControlCharacters } from '../core/report/controlCharacters';
