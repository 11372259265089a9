/** Platforms as `os/arch[/variant]` strings, and choosing one from an OCI index. */

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** Node's `process.arch` names mapped to the OCI architecture names (GOARCH values). */
const ARCHITECTURES: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

/** Returns the host's platform as images name it; images run Linux even on macOS and Windows. */
export function hostPlatform(arch: string = process.arch): string {
  return `linux/${ARCHITECTURES[arch] ?? arch}`;
}

/** Parses `os/arch[/variant]`, or returns `undefined` for anything else. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[a-z0-9_.-]+$/i.test(part))) return undefined;
  return parts[2] ? { os: parts[0], architecture: parts[1], variant: parts[2] } : { os: parts[0], architecture: parts[1] };
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** Returns whether `candidate` fits `wanted`. A wanted platform without a variant accepts any variant. */
export function platformMatches(candidate: Platform, wanted: Platform): boolean {
  if (candidate.os !== wanted.os || candidate.architecture !== wanted.architecture) return false;
  return wanted.variant === undefined || candidate.variant === wanted.variant;
}
