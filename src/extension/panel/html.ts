/**
 * The HTML shell of the Merged Filesystem webview. The scripts in `media/` build the page, so the
 * shell only sets the Content Security Policy and loads them. No `vscode` import, so it runs
 * under plain mocha.
 */
import { randomBytes } from 'node:crypto';

/** Scripts under `media/`, in load order: the helpers first, `panel.js` (which uses them) last. */
export const PANEL_SCRIPTS = ['panel/format.js', 'panel/model.js', 'panel/rowName.js', 'panel/tree.js', 'panel/details.js', 'panel/columns.js', 'panel/filterMessage.js', 'panel.js'] as const;
export const PANEL_STYLES = ['panel.css'] as const;

/**
 * The tab icon under `media/`, one file per theme kind. VS Code draws it as an image, where
 * `currentColor` is black, so each file has a fixed stroke: the light one also serves High Contrast
 * Light and the dark one High Contrast (VS Code 1.100). The strokes are VS Code's default icon
 * colours, #424242 and #c5c5c5.
 */
export const PANEL_ICONS = { light: 'icons/layers-light.svg', dark: 'icons/layers-dark.svg' } as const;

export interface PanelHtmlInput {
  /** The webview's `cspSource`, the origin its resource URIs are served from. */
  cspSource: string;
  nonce: string;
  /** Webview URIs of `PANEL_SCRIPTS` and `PANEL_STYLES`, in the same order. */
  scriptUris: readonly string[];
  styleUris: readonly string[];
  title: string;
}

/** Returns a nonce of 128 random bits, fresh for every page. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Escapes text for an HTML attribute or text node. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Renders the page. Nothing is allowed by default. Scripts need the nonce, and styles come only
 * from the webview's resource origin, which `localResourceRoots` limits to `media/`.
 */
export function renderPanelHtml(input: PanelHtmlInput): string {
  const nonce = escapeHtml(input.nonce);
  const policy = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `img-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `script-src 'nonce-${input.nonce}'`,
  ].join('; ');
  const styles = input.styleUris.map((uri) => `  <link rel="stylesheet" href="${escapeHtml(uri)}">`);
  const scripts = input.scriptUris.map((uri) => `  <script nonce="${nonce}" src="${escapeHtml(uri)}"></script>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '  <meta charset="UTF-8">',
    `  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`,
    '  <meta name="viewport" content="width=device-width, initial-scale=1.0">',
    ...styles,
    `  <title>${escapeHtml(input.title)}</title>`,
    '</head>',
    '<body>',
    ...scripts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
