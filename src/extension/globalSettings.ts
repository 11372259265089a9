/**
 * Reads the Layer Lens settings that apply to every Dockerfile: `builder`, `platform`,
 * `refreshDelay`, `readBaseImagesFromEngine` and `wasteHints`. Each reader returns the value to
 * use and, for an invalid value, adds a warning that names the setting, the value, the valid forms
 * and what is used instead. Pure (no `vscode` import), so it runs under plain mocha.
 */
import { builderKinds, type BuilderKind } from '../core/dockerfile/builders';
import { hostPlatform, parsePlatform } from '../core/image/platform';

export const defaultRefreshDelay = 300;

/** Maximum length of a value that a warning quotes, so that a pasted object does not fill the Problems panel. */
const maxShownLength = 60;

/** Quotes a setting's value as it is written in settings.json, shortened when long. */
export function shownValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= maxShownLength ? text : `${text.slice(0, maxShownLength - 1)}…`;
}

/**
 * Reads a builder setting named `label`. An invalid value gives `undefined`, so that the caller
 * keeps `fallback`, the builder used without it (`undefined` for the default, BuildKit).
 */
export function readBuilder(value: unknown, label: string, fallback: BuilderKind | undefined, warnings: string[]): BuilderKind | undefined {
  if (typeof value === 'string' && builderKinds.includes(value as BuilderKind)) return value as BuilderKind;
  const used = fallback === undefined || fallback === 'buildkit' ? 'BuildKit, the default' : `${fallback}, the value of layerLens.builder`;
  warnings.push(`${label} ${shownValue(value)} is not one of ${builderKinds.join(', ')}, so Layer Lens models ${used}.`);
  return undefined;
}

/** Reads `layerLens.platform`: `os/arch[/variant]`, or `undefined` for the host's platform. */
export function readPlatform(value: unknown, warnings: string[], host = hostPlatform()): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && parsePlatform(value.trim())) return value.trim();
  warnings.push(`layerLens.platform ${shownValue(value)} is not of the form os/arch[/variant], such as linux/arm64, so Layer Lens predicts for the host's platform, ${host}.`);
  return undefined;
}

/** Reads `layerLens.refreshDelay` in milliseconds. */
export function readRefreshDelay(value: unknown, warnings: string[]): number {
  if (value === undefined || value === null) return defaultRefreshDelay;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  warnings.push(`layerLens.refreshDelay ${shownValue(value)} is not a number of milliseconds from 0 up, so Layer Lens waits the default ${defaultRefreshDelay} ms.`);
  return defaultRefreshDelay;
}

/** Reads `layerLens.readBaseImagesFromEngine`, which is on by default. */
export function readEngineSetting(value: unknown, warnings: string[]): boolean {
  return readOnByDefault('layerLens.readBaseImagesFromEngine', value, 'reads base images from the engine', warnings);
}

/** Reads `layerLens.wasteHints`, which is on by default. */
export function readWasteHintsSetting(value: unknown, warnings: string[]): boolean {
  return readOnByDefault('layerLens.wasteHints', value, 'shows waste hints', warnings);
}

/** Reads a boolean setting that is on by default. `whenOn` words what Layer Lens does then, for the warning. */
function readOnByDefault(name: string, value: unknown, whenOn: string, warnings: string[]): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  warnings.push(`${name} ${shownValue(value)} is not true or false, so Layer Lens ${whenOn}, the default.`);
  return true;
}
