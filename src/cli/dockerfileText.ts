/** Reading the Dockerfile a command was given, with a short reason when it cannot be used. */
import { readFile } from 'node:fs/promises';

/** The Dockerfile's text, or what is wrong with the file, to follow its name in a message. */
export type DockerfileText = { text: string } | { problem: string };

export async function readDockerfileText(path: string): Promise<DockerfileText> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'not found' };
    if (code === 'EISDIR') return { problem: 'is a folder, not a file' };
    return { problem: `cannot be read (${code ?? String(error)})` };
  }
  // Text files have no NUL character; a binary file would fill the report with escaped bytes.
  if (text.includes('\0')) return { problem: 'is not a text file: it contains NUL bytes' };
  return { text };
}
