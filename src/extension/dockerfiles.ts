/** The documents that Layer Lens treats as Dockerfiles. */
import * as vscode from 'vscode';

/**
 * Dockerfiles by language and by name, on disk only: the analysis reads the build context
 * beside the file, which an unsaved (untitled) document does not have.
 */
export const dockerfileSelector: vscode.DocumentFilter[] = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', pattern: '**/Dockerfile' },
  { scheme: 'file', pattern: '**/*.Dockerfile' },
  { scheme: 'file', pattern: '**/Dockerfile.*' },
  { scheme: 'file', pattern: '**/Containerfile' },
];

/** Returns whether Layer Lens analyses a document (`Dockerfile.dockerignore` matches a pattern but is no Dockerfile). */
export function isDockerfile(document: vscode.TextDocument): boolean {
  if (document.uri.path.endsWith('.dockerignore')) return false;
  return vscode.languages.match(dockerfileSelector, document) > 0;
}
