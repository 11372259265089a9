/**
 * Variable scopes as BuildKit keeps them. ARGs declared before the first FROM apply to FROM
 * lines only; inside a stage, `ARG X` without a default takes the global value; a build arg
 * overrides a declared default; ENV wins over ARG; ENV is inherited by `FROM <stage>`.
 */
import type { VariableLookup } from './variables';

/** Platform ARGs that BuildKit defines without a declaration, for the host it builds on. */
export const predefinedPlatformArgs: Readonly<Record<string, string>> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
};

export class GlobalScope {
  private readonly values = new Map<string, string>();

  constructor(private readonly buildArgs: Readonly<Record<string, string>>) {
    for (const [name, value] of Object.entries(predefinedPlatformArgs)) this.values.set(name, buildArgs[name] ?? value);
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
    const value = this.buildArgs[name] ?? defaultValue ?? this.globals.get(name);
    if (value !== undefined) this.args.set(name, value);
    else this.args.delete(name);
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
