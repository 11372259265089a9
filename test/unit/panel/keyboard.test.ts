/**
 * Uses the Merged Filesystem webview in Debian's Chromium with the keyboard only. The tree's keys
 * post what the mouse would post, and the tree keeps one valid active item for screen readers.
 * Tab reaches every control, each with a focus ring in the colour of the theme's focusBorder.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { PanelData } from '../../../src/protocol/webview';
import { initHarnessPanel, panelScreenshots as screenshots, useHarnessPages } from './harnessBrowser';
import { analyzeShadowFixture, largePanelData, shadowPanelData, unknownPanelData } from './panelData';
import { applyTheme, darkModern, highContrastDark, highContrastLight, lightModern, type Theme } from './themes';

/** The page's globals that the callbacks use, declared here because this project type-checks without the DOM library. */
interface PageGlobals {
  harness: { posted: Array<Record<string, unknown> & { type: string }> };
  document: {
    activeElement: FocusedElement | null;
    body: unknown;
    getElementById(id: string): { checkVisibility(): boolean } | null;
    querySelector(selector: string): { scrollTop: number; scrollHeight: number } | null;
  };
  getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string; outlineColor: string; outlineOffset: string; backgroundColor: string };
}

interface FocusedElement {
  className: string;
  closest(selector: string): unknown;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
}

/** A control that Tab reached, with the style it shows while it has the focus. */
interface TabStop {
  control: string;
  insideAriaHidden: boolean;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  outlineOffset: string;
  background: string;
}

/** Each theme with its --vscode-focusBorder as the browser computes it. */
const themes: Array<{ name: string; theme: Theme; focusBorder: string }> = [
  { name: 'Dark Modern', theme: darkModern, focusBorder: 'rgb(0, 120, 212)' },
  { name: 'Light Modern', theme: lightModern, focusBorder: 'rgb(0, 95, 184)' },
  { name: 'Dark High Contrast', theme: highContrastDark, focusBorder: 'rgb(243, 133, 24)' },
  { name: 'Light High Contrast', theme: highContrastLight, focusBorder: 'rgb(0, 107, 189)' },
];

describe('merged filesystem webview by keyboard', function () {
  this.timeout(60_000);
  let page: Page;
  useHarnessPages((opened) => {
    page = opened;
  });

  const init = (data: PanelData): Promise<void> => initHarnessPanel(page, data);

  async function postedOfType(type: string): Promise<Array<Record<string, unknown>>> {
    const all = await page.evaluate(() => (globalThis as unknown as PageGlobals).harness.posted);
    return all.filter((item) => item.type === type);
  }

  async function focusedClass(): Promise<string | undefined> {
    return page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.className);
  }

  async function activeLabel(): Promise<string | null> {
    return page.locator('.row.active .label').textContent();
  }

  it('F12 reveals the layer line', async () => {
    const analysis = await analyzeShadowFixture();
    await init(shadowPanelData(analysis, analysis.stack.top));
    await page.focus('.viewport');

    await page.keyboard.press('ArrowDown');
    assert.equal(await activeLabel(), 'app/');
    assert.equal(await page.getAttribute('.row.active', 'aria-keyshortcuts'), 'F12');
    await page.keyboard.press('F12');
    // The same message as a click on the row's Layer cell, which `browser.test.ts` checks.
    assert.deepEqual(await postedOfType('revealLine'), [{ type: 'revealLine', line: 3 }]);

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeLabel(), 'data/');
    await page.keyboard.press('F12');
    assert.deepEqual(await postedOfType('revealLine'), [
      { type: 'revealLine', line: 3 },
      { type: 'revealLine', line: 6 },
    ]);
    assert.equal(await focusedClass(), 'viewport', 'the tree kept the focus');
    assert.equal(await activeLabel(), 'data/');
    assert.match((await page.locator('.row.active .layer').getAttribute('title')) ?? '', /^Reveal line 6 \(F12\): /);
  });

  it('F12 on an implied folder', async () => {
    await init(largePanelData(400));
    await page.focus('.viewport');
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeLabel(), 'usr/');

    // No layer lists the folder, so there is no line to reveal, as its Layer cell is not a link.
    await page.keyboard.press('F12');
    assert.equal(await page.getAttribute('.row.active', 'aria-keyshortcuts'), null);
    assert.deepEqual(await postedOfType('revealLine'), []);

    // A folder below it that a layer lists has its line.
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown']) await page.keyboard.press(key);
    assert.equal(await activeLabel(), 'pkg000/');
    await page.keyboard.press('F12');
    assert.deepEqual(await postedOfType('revealLine'), [{ type: 'revealLine', line: 2 }]);
    assert.equal(await focusedClass(), 'viewport');
  });

  it('Space opens and closes a folder', async () => {
    const analysis = await analyzeShadowFixture();
    await init(shadowPanelData(analysis, analysis.stack.top));
    await page.focus('.viewport');
    await page.keyboard.press('ArrowDown');

    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('.row.active', 'aria-expanded'), 'true');
    assert.equal(await page.locator('.row:visible').count(), 7);
    await page.keyboard.press('Space');
    assert.equal(await page.getAttribute('.row.active', 'aria-expanded'), 'false');
    assert.equal(await page.locator('.row:visible').count(), 2);

    // On a file, Space does not open it, because Enter does that.
    for (const key of ['Space', 'ArrowDown', 'ArrowDown', 'ArrowDown']) await page.keyboard.press(key);
    assert.equal(await activeLabel(), 'config.yaml');
    await page.keyboard.press('Space');
    assert.deepEqual(await postedOfType('openPath'), []);
    assert.equal(await activeLabel(), 'config.yaml');
  });

  it('active row scrolled out of sight', async () => {
    await init(largePanelData(2000));
    await page.focus('.viewport');
    // Opens usr/ and usr/lib/, whose 200 folders make the list far taller than the viewport.
    for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'Home']) await page.keyboard.press(key);
    assert.equal(await activeLabel(), 'usr/');

    await page.evaluate(() => {
      const viewport = (globalThis as unknown as PageGlobals).document.querySelector('.viewport')!;
      viewport.scrollTop = viewport.scrollHeight;
    });
    await page.locator('.row:visible', { hasText: 'pkg199/' }).waitFor();
    const id = await page.getAttribute('.viewport', 'aria-activedescendant');
    if (id !== null) {
      const visible = await page.evaluate((name) => (globalThis as unknown as PageGlobals).document.getElementById(name)?.checkVisibility() ?? false, id);
      assert.ok(visible, `aria-activedescendant names ${id}, which is not a shown row`);
    }

    // The next key brings the active row back into sight, and names it again.
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeLabel(), 'lib/');
    assert.equal(await page.getAttribute('.viewport', 'aria-activedescendant'), await page.getAttribute('.row.active', 'id'));
  });

  /** Presses Tab from the top of the page until the focus leaves the page, and describes each control it reached. */
  async function tabThroughPage(): Promise<TabStop[]> {
    // A click sets where Tab starts from, so Shift+Tab from the first control leaves the page,
    // and the next Tab enters it at its first control.
    await page.focus('.toolbar :is(select, input):visible');
    await page.keyboard.press('Shift+Tab');
    const stops: TabStop[] = [];
    for (let count = 0; count < 30; count++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        const element = page.document.activeElement;
        // Past the last control, Tab goes to the page's body or, in some runs, wraps to the first control.
        if (!element || element === page.document.body || element.hasAttribute('data-tab-stop')) return undefined;
        element.setAttribute('data-tab-stop', '');
        const style = page.getComputedStyle(element);
        const named = element as unknown as { getAttribute(name: string): string | null; type?: string };
        return {
          control: named.type === 'checkbox' ? 'checkbox' : element.className || (named.getAttribute('aria-label') ?? ''),
          insideAriaHidden: element.closest('[aria-hidden="true"]') !== null,
          outlineStyle: style.outlineStyle,
          outlineWidth: style.outlineWidth,
          outlineColor: style.outlineColor,
          outlineOffset: style.outlineOffset,
          background: style.backgroundColor,
        };
      });
      if (!stop) return stops;
      stops.push(stop);
    }
    return stops;
  }

  for (const { name, theme, focusBorder } of themes) {
    it(`${name}: Tab reaches every control`, async () => {
      await applyTheme(page, theme);
      const data = await unknownPanelData();
      const stopNotice = { line: 4, message: 'The build stops at line 4.' };
      const pickNotice = { line: 3, message: 'The step you picked was changed or removed.' };
      await init({ ...data, stopNotice, closedNotice: 'Dockerfile was closed.', pickNotice });
      await page.locator('.row .label').first().click();

      const stops = await tabThroughPage();
      const controls = stops.map((stop) => stop.control);
      const buttons = controls.filter((control) => control === 'layer-button').length;
      assert.ok(buttons >= 1, 'the details of the selected row have a layer button');
      assert.deepEqual(controls, [
        'stage-select',
        'layer-select',
        'filter',
        'sort',
        'checkbox',
        'notice-button',
        'notice-button',
        'notice-button',
        'resizer',
        'viewport',
        ...Array<string>(buttons).fill('layer-button'),
      ]);

      for (const stop of stops) {
        assert.equal(stop.insideAriaHidden, false, `${stop.control} takes the focus inside aria-hidden content`);
        // The column resizer fills its strip with the colour instead of drawing an outline around it.
        if (stop.control === 'resizer') {
          assert.equal(stop.background, focusBorder, 'resizer focus colour');
          continue;
        }
        assert.equal(stop.outlineStyle, 'solid', `${stop.control} outline style`);
        assert.equal(stop.outlineWidth, '1px', `${stop.control} outline width`);
        assert.equal(stop.outlineColor, focusBorder, `${stop.control} outline colour`);
      }
      const checkbox = stops.find((stop) => stop.control === 'checkbox');
      assert.equal(checkbox?.outlineOffset, '1px', 'the checkbox ring lies outside its native border');
      await page.focus('.toggle input');
      await page.screenshot({ path: path.join(screenshots, `focus-${theme.stylesheet.replace('.css', '')}.png`) });
    });
  }
});
