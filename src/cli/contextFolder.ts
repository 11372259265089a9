/** The check of a build context folder named on the command line, shared by `explain` and `image`. */
import { stat } from 'node:fs/promises';
import { InputError } from './io';

/** Rejects a context folder (of `option`) that is not a folder, before any analysis, naming the path as `given`. */
export async function checkContextFolder(path: string, given: string, option = '--context'): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError(`Build context folder ${given} not found. Pass an existing folder with ${option}.`);
  if (!info.isDirectory()) throw new InputError(`Build context ${given} is not a folder. Pass a folder with ${option}.`);
}
