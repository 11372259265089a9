/**
 * The folder that `cd -P` reaches and `pwd -P` prints: the path with every symlink followed one
 * component at a time. So a `..` after a link climbs from the link's target, as BusyBox 1.35 ash
 * and dash 0.5.12 do: `cd -P /lx/..` with `/lx -> /real/dir/x` reaches `/real/dir`.
 */
import { joinImagePath, parentPath } from '../../model/paths';
import type { RunView } from './view';

/** Returns the physical path of `target`, taken relative to the folder `directory` when it does not start with `/`. */
export function physicalPath(view: RunView, directory: string, target: string): string {
  let current = target.startsWith('/') ? '/' : physicalPath(view, '/', directory);
  for (const component of target.split('/')) {
    if (component === '' || component === '.') continue;
    current = component === '..' ? parentPath(current) : view.resolve(joinImagePath(current, component));
  }
  return current;
}
