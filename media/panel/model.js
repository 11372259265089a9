// The merged-filesystem rows as a tree the panel can walk: child lists, directory totals, paths,
// and the flat list of visible rows for the current expansion, sort and filter.
// Plain browser script: it attaches `createTreeModel` to `globalThis.layerLensPanel`.
(function (panel) {
  'use strict';

  // Row states and type codes, as `src/protocol/webview.ts` defines them.
  const PRESENT = 0;
  const DELETED = 1;
  const IMPLIED = 2;
  const DIRECTORY = 1;
  const CERTAINTY_CODES = { exact: 0, estimated: 1, unknown: 2 };
  const UNKNOWN = 2;
  // The `writtenBy` layer of a deleted row whose path no earlier layer lists.
  const NO_LAYER = -1;

  // English collation with digit runs compared as numbers, as the Image Layers view sorts names
  // (`compareNamesNaturally` in src/core/report/format.ts) and VS Code's Explorer does too.
  const naturalOrder = new Intl.Collator('en', { numeric: true });

  /**
   * Orders names for people: `f2` before `f10`. Names the collation ranks equal fall back to
   * UTF-16 code unit order, so the order is total.
   */
  function compareNames(a, b) {
    const natural = naturalOrder.compare(a, b);
    if (natural !== 0) return natural;
    if (a === b) return 0;
    return a < b ? -1 : 1;
  }

  /**
   * Returns the certainty of what a row contributes to its folder's total. A layer of unknown
   * certainty (a base image, a RUN, a COPY from another stage) may write files it does not list.
   * So a directory such a layer provides has unknown contents, even when its own entry is exact.
   */
  function ownCertainty(rows, layers, row, isDirectory) {
    let code = rows.certainties[row];
    if (rows.sizes[row] === null) code = UNKNOWN;
    const layer = layers[rows.layers[row]];
    if (isDirectory && layer) code = Math.max(code, CERTAINTY_CODES[layer.certainty] ?? UNKNOWN);
    return code;
  }

  /**
   * Builds the tree of `rows` (a `MergedRows` message) whose layers are `layers` (a list of
   * `LayerInfo`). Work at build time is linear in the row count; sorting happens per directory,
   * when that directory is first shown.
   */
  function createTreeModel(rows, layers = []) {
    const count = rows.names.length;
    const root = count; // a virtual row standing for `/`
    const parentOf = (row) => (rows.parents[row] < 0 ? root : rows.parents[row]);

    // Child lists in one array: the children of row r are childList[childStart[r] .. childStart[r + 1]).
    const childStart = new Int32Array(count + 2);
    for (let row = 0; row < count; row++) childStart[parentOf(row) + 1]++;
    for (let row = 0; row <= count; row++) childStart[row + 1] += childStart[row];
    const fill = childStart.slice(0, count + 1);
    const childList = new Int32Array(count);
    for (let row = 0; row < count; row++) childList[fill[parentOf(row)]++] = row;

    // Children come after their parents, so one backward pass sums each directory's visible bytes,
    // finds the least certain row in it and finds which implied directories hold anything
    // visible ("live"). Certainty codes grow from exact to unknown, so the least certain is the maximum.
    const totals = new Float64Array(count + 1);
    const contentCertainty = new Uint8Array(count + 1);
    const live = new Uint8Array(count + 1);
    const liveChildren = new Int32Array(count + 1);
    for (let row = count - 1; row >= 0; row--) {
      const state = rows.states[row];
      if (state === PRESENT) {
        live[row] = 1;
        totals[row] += rows.sizes[row] || 0;
        contentCertainty[row] = Math.max(contentCertainty[row], ownCertainty(rows, layers, row, rows.types[row] === DIRECTORY));
      }
      if (!live[row]) continue;
      const parent = parentOf(row);
      live[parent] = 1;
      liveChildren[parent]++;
      totals[parent] += totals[row];
      contentCertainty[parent] = Math.max(contentCertainty[parent], contentCertainty[row]);
    }

    const details = {
      shadowed: new Map(rows.shadowed.map((item) => [item.row, item.versions])),
      writtenBy: new Map(rows.writtenBy.map((item) => [item.row, item.layer])),
      linkTargets: new Map(rows.linkTargets.map((item) => [item.row, item.target])),
      deletedContents: new Map((rows.deletedContents || []).map((item) => [item.row, item])),
      deletedVersions: new Map((rows.deletedVersions || []).map((item) => [item.row, item.layers])),
    };

    const paths = new Array(count);
    function pathOf(row) {
      if (paths[row] === undefined) {
        const parent = rows.parents[row];
        paths[row] = (parent < 0 ? '' : pathOf(parent)) + '/' + rows.names[row];
      }
      return paths[row];
    }

    let lowerNames;
    function lowerName(row) {
      if (!lowerNames) lowerNames = rows.names.map((name) => name.toLowerCase());
      return lowerNames[row];
    }

    const isFolder = (row) => rows.types[row] === DIRECTORY || rows.states[row] === IMPLIED;
    const isShown = (row, showDeleted) => showDeleted || live[row] === 1;

    const sortedCache = { name: new Map(), size: new Map() };
    /** Returns the children of `parent` in `sort` order: folders first by name, or largest first. */
    function sortedChildren(parent, sort) {
      const cache = sortedCache[sort] || sortedCache.name;
      let sorted = cache.get(parent);
      if (!sorted) {
        sorted = Array.from(childList.subarray(childStart[parent], childStart[parent + 1]));
        if (sort === 'size') {
          sorted.sort((a, b) => totals[b] - totals[a] || compareNames(rows.names[a], rows.names[b]));
        } else {
          sorted.sort((a, b) => Number(isFolder(b)) - Number(isFolder(a)) || compareNames(rows.names[a], rows.names[b]));
        }
        cache.set(parent, sorted);
      }
      return sorted;
    }

    function childCount(row, showDeleted) {
      return showDeleted ? childStart[row + 1] - childStart[row] : liveChildren[row];
    }

    /**
     * Returns whether a row can open. A folder with children can, even when none is shown. A
     * file or link has children only where it replaced a folder: the deleted paths of that
     * folder, so it opens only while deleted paths are shown.
     */
    function isExpandable(row, showDeleted) {
      return isFolder(row) ? childCount(row, true) > 0 : childCount(row, showDeleted) > 0;
    }

    /**
     * Marks the rows whose name contains `filter` (or whose path does, when the filter contains a
     * `/`), ignoring case, and the ancestors of those rows.
     */
    function matchFilter(filter, showDeleted) {
      const needle = filter.toLowerCase();
      const byPath = needle.includes('/');
      const matched = new Uint8Array(count + 1);
      const onPath = new Uint8Array(count + 1);
      for (let row = 0; row < count; row++) {
        if (!isShown(row, showDeleted)) continue;
        const text = byPath ? pathOf(row).toLowerCase() : lowerName(row);
        if (!text.includes(needle)) continue;
        matched[row] = 1;
        for (let parent = parentOf(row); parent !== root && !onPath[parent]; parent = parentOf(parent)) onPath[parent] = 1;
      }
      return { matched, onPath };
    }

    /**
     * Lists the rows to show, depth first. Without a filter a folder shows its children when it
     * is in `expanded` (a set of row numbers). With a filter only matching rows and their
     * ancestors show, the ancestors opened, and a matching folder shows all its children when
     * expanded. With a filter the list also counts the matching rows (`matchCount`) and gives
     * the position of the first one (`firstMatch`, -1 when none). `expandable` marks the rows
     * that can open (see `isExpandable`).
     */
    function flatten(options) {
      const { expanded, sort, showDeleted } = options;
      const match = options.filter ? matchFilter(options.filter, showDeleted) : undefined;
      const list = { rows: [], depths: [], positions: [], setSizes: [], opened: [], expandable: [], matchCount: 0, firstMatch: -1 };
      const walk = (parent, depth, insideMatch) => {
        const children = sortedChildren(parent, sort).filter(
          (row) => isShown(row, showDeleted) && (!match || insideMatch || match.matched[row] || match.onPath[row]),
        );
        children.forEach((row, position) => {
          const open = (match !== undefined && match.onPath[row] === 1) || expanded.has(row);
          if (match !== undefined && match.matched[row] === 1) {
            if (list.matchCount === 0) list.firstMatch = list.rows.length;
            list.matchCount++;
          }
          list.rows.push(row);
          list.depths.push(depth);
          list.positions.push(position + 1);
          list.setSizes.push(children.length);
          list.opened.push(open && childCount(row, showDeleted) > 0);
          list.expandable.push(isExpandable(row, showDeleted));
          if (open) walk(row, depth + 1, insideMatch || (match !== undefined && match.matched[row] === 1));
        });
      };
      walk(root, 0, false);
      return list;
    }

    /**
     * Returns the layers that made a row's size unknown: its own layer, or for a directory that
     * keeps the unlisted files of a lower version, the layers of unknown certainty it shadows.
     */
    function unknownSizeCauses(row) {
      const own = rows.layers[row];
      if (rows.sizes[row] === null || layers[own]?.certainty === 'unknown') return [own];
      const lower = (details.shadowed.get(row) || []).map((version) => version.layer).filter((layer) => layers[layer]?.certainty === 'unknown');
      return lower.length > 0 ? lower : [own];
    }

    /**
     * Lists the layers, lowest first, whose unlisted files make sizes at or below `row` unknown,
     * so the details can name them. Only subtrees whose least certain row is unknown are walked.
     */
    function unknownSizeLayersOf(row) {
      const found = new Set();
      const pending = [row];
      while (pending.length > 0) {
        const current = pending.pop();
        if (contentCertainty[current] !== UNKNOWN) continue;
        const present = rows.states[current] === PRESENT;
        if (present && ownCertainty(rows, layers, current, rows.types[current] === DIRECTORY) === UNKNOWN) {
          for (const layer of unknownSizeCauses(current)) found.add(layer);
        }
        for (let i = childStart[current]; i < childStart[current + 1]; i++) pending.push(childList[i]);
      }
      return [...found].sort((a, b) => a - b);
    }

    /** Returns the row of a full path, or -1 when the rows have no such path. */
    function findRow(path) {
      let row = root;
      for (const name of path.split('/').filter((segment) => segment !== '')) {
        let next = -1;
        for (let i = childStart[row]; i < childStart[row + 1]; i++) {
          if (rows.names[childList[i]] === name) {
            next = childList[i];
            break;
          }
        }
        if (next < 0) return -1;
        row = next;
      }
      return row === root ? -1 : row;
    }

    return {
      rows,
      count,
      details,
      pathOf,
      flatten,
      findRow,
      isFolder,
      childCount,
      parentOf: (row) => rows.parents[row],
      totalOf: (row) => totals[row],
      /** Returns whether the row's total leaves out sizes that are unknown, so it is a lower bound. */
      hasUnknownSize: (row) => contentCertainty[row] === UNKNOWN,
      unknownSizeLayersOf,
      /** Returns the certainty code of the least certain row at or below `row`. */
      contentCertaintyOf: (row) => contentCertainty[row],
      isDeleted: (row) => rows.states[row] === DELETED,
      /** Returns whether a deleted row's path is one that no earlier layer lists, whose type and size are unknown. */
      isUnlistedDeletion: (row) => rows.states[row] === DELETED && details.writtenBy.get(row) === NO_LAYER,
      isImplied: (row) => rows.states[row] === IMPLIED,
    };
  }

  panel.createTreeModel = createTreeModel;
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
