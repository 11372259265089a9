import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PANEL_ICONS } from '../../../src/extension/panel/html';

const media = path.join(__dirname, '../../../media');
const themes = path.join(__dirname, '../../fixtures/panel');

/** Returns `--vscode-editor-background` from a theme fixture, as "#rrggbb". */
function editorBackground(themeFile: string): string {
  const match = /--vscode-editor-background:\s*(#[0-9a-f]{6});/i.exec(readFileSync(path.join(themes, themeFile), 'utf8'));
  assert.ok(match, `${themeFile} sets no --vscode-editor-background`);
  return match[1];
}

/** Returns the relative luminance of an sRGB colour "#rrggbb", as WCAG 2.1 defines it. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red, green, blue] = channels.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

function strokeOf(icon: string): string {
  const svg = readFileSync(path.join(media, icon), 'utf8');
  assert.doesNotMatch(svg, /currentColor/, `${icon} uses currentColor, which an image draws black`);
  const match = /stroke="(#[0-9a-f]{6})"/i.exec(svg);
  assert.ok(match, `${icon} has no stroke colour`);
  return match[1];
}

describe('panel tab icon', () => {
  // WCAG 2.1 (success criterion 1.4.11) requires a contrast of 3:1 for the parts of a graphic needed to see it.
  const minimumContrast = 3;

  it('light icon shows on High Contrast Light', () => {
    const ratio = contrastRatio(strokeOf(PANEL_ICONS.light), editorBackground('theme-high-contrast-light.css'));
    assert.ok(ratio >= minimumContrast, `contrast ${ratio.toFixed(2)}`);
  });

  it('dark icon shows on Dark Modern', () => {
    const ratio = contrastRatio(strokeOf(PANEL_ICONS.dark), editorBackground('theme.css'));
    assert.ok(ratio >= minimumContrast, `contrast ${ratio.toFixed(2)}`);
  });

  it('dark icon shows on High Contrast', () => {
    const ratio = contrastRatio(strokeOf(PANEL_ICONS.dark), editorBackground('theme-high-contrast.css'));
    assert.ok(ratio >= minimumContrast, `contrast ${ratio.toFixed(2)}`);
  });
});
