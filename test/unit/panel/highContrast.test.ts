/**
 * Drives the Merged Filesystem webview in Debian's Chromium with the variables and body classes
 * that VS Code's high-contrast themes set, and checks that the active, hovered and shadowing rows
 * show there with the theme's outline colours.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { ExtensionMessage } from '../../../src/protocol/webview';
import { panelScreenshots as screenshots, useHarnessPages } from './harnessBrowser';
import { analyzeShadowFixture, message, shadowPanelData } from './panelData';
import { applyTheme, highContrastDark, highContrastLight } from './themes';

interface Outline {
  style: string;
  width: string;
  color: string;
  offset: string;
  background: string;
}

/** The page's globals that the callbacks use; this project type-checks without the DOM library. */
interface PageGlobals {
  harness: { posted: Array<{ type: string }> };
  postMessage(message: unknown, targetOrigin: string): void;
  getComputedStyle(element: unknown): {
    outlineStyle: string;
    outlineWidth: string;
    outlineColor: string;
    outlineOffset: string;
    backgroundColor: string;
    boxShadow: string;
  };
}

async function outlineOf(page: Page, selector: string): Promise<Outline> {
  return page.locator(selector).first().evaluate((element) => {
    const style = (globalThis as unknown as PageGlobals).getComputedStyle(element);
    return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor, offset: style.outlineOffset, background: style.backgroundColor };
  });
}

function rowNamed(page: Page, label: string): ReturnType<Page['locator']> {
  return page.locator('.row:visible', { has: page.locator('.label', { hasText: label }) }).first();
}

describe('merged filesystem webview in high-contrast themes', function () {
  this.timeout(60_000);
  let page: Page;
  useHarnessPages((opened) => {
    page = opened;
  });

  /** Sends the shadow fixture's top layer, opens `app/` and selects `config.yaml`, which shadows a version. */
  async function showShadowRow(): Promise<void> {
    const analysis = await analyzeShadowFixture();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).harness.posted.some((item) => item.type === 'ready'));
    const init: ExtensionMessage = message('init', shadowPanelData(analysis, analysis.stack.top));
    await page.evaluate((data) => (globalThis as unknown as PageGlobals).postMessage(data, '*'), init);
    await rowNamed(page, 'app/').locator('.twisty').click();
    await rowNamed(page, 'config.yaml').locator('.label').click();
    await page.locator('.row.active', { hasText: 'config.yaml' }).waitFor();
  }

  it('dark: focused active row has solid outline', async () => {
    await applyTheme(page, highContrastDark);
    await showShadowRow();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(screenshots, 'high-contrast-focused.png') });

    assert.deepEqual(await outlineOf(page, '.row.active'), { style: 'solid', width: '1px', color: 'rgb(243, 133, 24)', offset: '-1px', background: 'rgba(0, 0, 0, 0)' });
  });

  it('dark: unfocused active row has dotted outline', async () => {
    await applyTheme(page, highContrastDark);
    await showShadowRow();
    await page.locator('.filter').focus();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(screenshots, 'high-contrast-unfocused.png') });

    assert.deepEqual(await outlineOf(page, '.row.active'), { style: 'dotted', width: '1px', color: 'rgb(243, 133, 24)', offset: '-1px', background: 'rgba(0, 0, 0, 0)' });
  });

  it('dark: hovered row has dashed outline', async () => {
    await applyTheme(page, highContrastDark);
    await showShadowRow();
    await rowNamed(page, 'main.py').hover();

    const hovered = await outlineOf(page, '.row:hover');
    assert.equal(hovered.style, 'dashed');
    assert.equal(hovered.color, 'rgb(243, 133, 24)');
    assert.equal(hovered.offset, '-1px');
  });

  it('dark: hover keeps active row outline', async () => {
    await applyTheme(page, highContrastDark);
    await showShadowRow();
    await rowNamed(page, 'config.yaml').locator('.size').hover();

    assert.equal((await outlineOf(page, '.row.active')).style, 'solid');
  });

  it('dark: shadowing badge has border', async () => {
    await applyTheme(page, highContrastDark);
    await showShadowRow();

    const shadow = await rowNamed(page, 'config.yaml').locator('.badge').evaluate((element) => (globalThis as unknown as PageGlobals).getComputedStyle(element).boxShadow);
    assert.equal(shadow, 'rgb(111, 195, 223) 0px 0px 0px 1px inset');
  });

  it('light: focused active row has solid outline', async () => {
    await applyTheme(page, highContrastLight);
    await showShadowRow();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(screenshots, 'high-contrast-light-focused.png') });

    assert.deepEqual(await outlineOf(page, '.row.active'), { style: 'solid', width: '1px', color: 'rgb(0, 107, 189)', offset: '-1px', background: 'rgba(15, 74, 133, 0.1)' });
  });

  it('light: unfocused active row has dotted outline', async () => {
    await applyTheme(page, highContrastLight);
    await showShadowRow();
    await page.locator('.filter').focus();
    await page.mouse.move(0, 0);

    assert.deepEqual(await outlineOf(page, '.row.active'), { style: 'dotted', width: '1px', color: 'rgb(0, 107, 189)', offset: '-1px', background: 'rgba(15, 74, 133, 0.1)' });
  });

  it('Dark Modern: active row keeps background only', async () => {
    await showShadowRow();
    await page.mouse.move(0, 0);

    const active = await outlineOf(page, '.row.active');
    assert.equal(active.style, 'none');
    assert.equal(active.background, 'rgb(4, 57, 94)');
    const shadow = await rowNamed(page, 'config.yaml').locator('.badge').evaluate((element) => (globalThis as unknown as PageGlobals).getComputedStyle(element).boxShadow);
    assert.equal(shadow, 'none');
  });
});
