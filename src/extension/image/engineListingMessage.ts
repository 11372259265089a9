/** The notice of "Analyze Image..." when the engine's images cannot be listed. No `vscode` import. */

/**
 * Explains why the engine's images are missing from the picker and what to do. The reason is kept
 * whole. Advice to check the engine is added only when the reason gives none, because the
 * endpoint, trust and unreachable-engine reasons already name what to do.
 */
export function engineListingMessage(reason: string): string {
  const trimmed = reason.trim();
  const sentence = /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  const givesRemedy = /DOCKER_HOST|trust|Podman running/i.test(trimmed);
  const remedy = givesRemedy ? '' : ' Check that Docker or Podman is running.';
  return `Layer Lens could not list the container engine's images: ${sentence}${remedy} An image archive or an OCI layout folder can still be chosen.`;
}
