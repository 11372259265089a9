/**
 * The VS Code themes the webview tests apply to the harness: a stylesheet of the variables a
 * theme sets on a webview, and the classes VS Code's webview host puts on the body for it.
 */
import type { Page } from 'playwright-core';

export interface Theme {
  stylesheet: string;
  bodyClasses: string[];
}

/** Dark Modern, the stylesheet the harness loads by default. */
export const darkModern: Theme = { stylesheet: 'theme.css', bodyClasses: ['vscode-dark'] };
export const lightModern: Theme = { stylesheet: 'theme-light.css', bodyClasses: ['vscode-light'] };
export const highContrastDark: Theme = { stylesheet: 'theme-high-contrast.css', bodyClasses: ['vscode-high-contrast'] };
/** The light high-contrast theme gets both classes. */
export const highContrastLight: Theme = {
  stylesheet: 'theme-high-contrast-light.css',
  bodyClasses: ['vscode-high-contrast-light', 'vscode-high-contrast'],
};

/** The page's globals that `applyTheme` uses; this project type-checks without the DOM library. */
interface PageGlobals {
  document: {
    body: { classList: { add(...names: string[]): void } };
    documentElement: unknown;
    querySelector(selector: string): { setAttribute(name: string, value: string): void } | null;
    styleSheets: ArrayLike<{ href: string | null }>;
  };
}

/** Swaps the harness's Dark Modern variables for `theme`'s and waits until the new stylesheet has loaded. */
export async function applyTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate(({ stylesheet, bodyClasses }) => {
    const page = globalThis as unknown as PageGlobals;
    page.document.querySelector('link[href="theme.css"]')?.setAttribute('href', stylesheet);
    page.document.body.classList.add(...bodyClasses);
  }, theme);
  await page.waitForFunction((stylesheet) => {
    const sheets = Array.from((globalThis as unknown as PageGlobals).document.styleSheets);
    return sheets.some((sheet) => sheet.href?.endsWith(`/${stylesheet}`));
  }, theme.stylesheet);
}
