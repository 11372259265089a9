/**
 * Variable scopes as BuildKit keeps them. ARGs declared before the first FROM apply to FROM
 * lines only; inside a stage, `ARG X` without a default takes the global value; a build arg
 * overrides a declared default; ENV wins over ARG; ENV is inherited by `FROM <stage>`.
 */
import { formatPlatform, type Platform } from '../image/platform';
import type { VariableLookup } from './variables';

/** The target and build platforms, as `os/arch[/variant]` strings. */
export interface BuildPlatforms {
  /** The platform the image is built for (`docker build --platform`). */
  target: Platform;
  /** The platform of the machine that runs the build. */
  build: Platform;
}

/**
 * Returns the platform ARGs that BuildKit and buildah define without a declaration. The classic
 * builder defines none of them: Docker Engine 20.10.24 expands `$TARGETARCH` to nothing there.
 */
export function platformArgs(platforms: BuildPlatforms): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [prefix, platform] of [['TARGET', platforms.target], ['BUILD', platforms.build]] as const) {
    values[`${prefix}PLATFORM`] = formatPlatform(platform);
    values[`${prefix}OS`] = platform.os;
    values[`${prefix}ARCH`] = platform.architecture;
    values[`${prefix}VARIANT`] = platform.variant ?? '';
  }
  return values;
}

export class GlobalScope {
  private readonly values = new Map<string, string>();

  /** `predefined`: the ARGs the builder defines without a declaration, such as `platformArgs`. */
  constructor(
    private readonly buildArgs: Readonly<Record<string, string>>,
    predefined: Readonly<Record<string, string>> = {},
  ) {
    for (const [name, value] of Object.entries(predefined)) this.values.set(name, buildArgs[name] ?? value);
  }

  /** Declares a global `ARG name[=default]`; a build arg of that name overrides the default. */
  declare(name: string, defaultValue: string | undefined): void {
    const value = this.buildArgs[name] ?? defaultValue;
    if (value !== undefined) this.values.set(name, value);
    else this.values.delete(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  readonly lookup: VariableLookup = (name) => this.values.get(name);
}

export class StageScope {
  private readonly args = new Map<string, string>();
  /** Every name the stage's ARG lines declared so far, with a value or without one. */
  private readonly declared = new Set<string>();
  private readonly env: Map<string, string>;

  constructor(
    private readonly globals: GlobalScope,
    private readonly buildArgs: Readonly<Record<string, string>>,
    inheritedEnv: ReadonlyMap<string, string> = new Map(),
  ) {
    this.env = new Map(inheritedEnv);
  }

  /** Declares `ARG name[=default]` inside the stage. */
  declareArg(name: string, defaultValue: string | undefined): void {
    this.declared.add(name);
    const value = this.buildArgs[name] ?? defaultValue ?? this.globals.get(name);
    if (value !== undefined) this.args.set(name, value);
    else this.args.delete(name);
  }

  /** Lists the names the stage's ARG lines declared so far, in declaration order. */
  declaredArgs(): string[] {
    return [...this.declared];
  }

  setEnv(name: string, value: string): void {
    this.env.set(name, value);
  }

  /** ENV of the stage so far, for stages that continue this one. */
  environment(): ReadonlyMap<string, string> {
    return this.env;
  }

  readonly lookup: VariableLookup = (name) => this.env.get(name) ?? this.args.get(name);

  /** Copies the values in force now; ENV wins over ARG. */
  snapshot(): ReadonlyMap<string, string> {
    return new Map([...this.args, ...this.env]);
  }
}
