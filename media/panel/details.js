// The details of the selected row: its path, the layer that provides it, the shadowed versions
// below it, or the layer that deleted it. Text only (`textContent`), never HTML.
// Plain browser script: it attaches `createDetails` to `globalThis.layerLensPanel`.
(function (panel) {
  'use strict';

  const TYPE_NAMES = ['file', 'directory', 'symlink', 'hard link'];
  // The type code of a directory, as `src/protocol/webview.ts` defines it.
  const DIRECTORY = 1;
  const CERTAINTY_NAMES = ['exact', 'estimated', 'unknown'];
  // A folder can hold files of many RUN layers, and the Size line names only the first few.
  const MAX_NAMED_LAYERS = 3;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Creates the details region; `handlers.revealLayer(layer)` runs when a layer's button is pressed. */
  function createDetails(container, handlers) {
    const { format } = panel;
    const region = element('section', 'details');
    region.setAttribute('aria-label', 'Selected path');
    // Polite, so that a screen reader reads the details of a newly selected row after the row's name.
    region.setAttribute('aria-live', 'polite');
    container.append(region);
    let shownText;

    function layerButton(layer, prefix) {
      const button = element('button', 'layer-button', `${prefix}${format.layerLong(layer)}`);
      button.type = 'button';
      button.title = `Reveal line ${layer.line} in the Dockerfile`;
      button.addEventListener('click', () => handlers.revealLayer(layer));
      return button;
    }

    function fact(label, content) {
      const item = element('div', 'fact');
      item.append(element('span', 'fact-label', label));
      item.append(typeof content === 'string' ? element('span', 'fact-value', content) : content);
      return item;
    }

    /**
     * Names the layers whose unlisted files make a folder's size unknown, as the end of a
     * sentence: `layer #0 FROM (line 3) does not list all its files`.
     */
    function describeUnlisted(model, row, layers) {
      const named = model.unknownSizeLayersOf(row).map((index) => layers[index]).filter((layer) => layer !== undefined);
      if (named.length === 0) return 'a layer that writes here does not list all its files';
      const names = named.slice(0, MAX_NAMED_LAYERS).map((layer) => `${format.layerShort(layer)} (line ${layer.line})`);
      const others = named.length - names.length;
      if (others > 0) names.push(format.count(others, 'other layer'));
      if (names.length === 1) return `layer ${names[0]} does not list all its files`;
      return `layers ${names.slice(0, -1).join(', ')} and ${names.at(-1)} do not list all their files`;
    }

    /** Describes a row's size; a folder's is the sum of the visible files below it. */
    function describeSize(model, row, layers) {
      if (model.isUnlistedDeletion(row)) return 'unknown, because no earlier layer lists this path';
      if (!model.isFolder(row)) return model.rows.sizes[row] === null ? 'unknown' : format.bytes(model.rows.sizes[row]);
      const contents = model.isDeleted(row) ? model.details.deletedContents.get(row) : undefined;
      if (contents) return describeDeletedContents(contents);
      const total = model.totalOf(row);
      if (!model.hasUnknownSize(row)) return `${format.bytes(total)} in visible files`;
      if (total === 0) return `unknown, because ${describeUnlisted(model, row, layers)}`;
      return `at least ${format.bytes(total)} in visible files, because ${describeUnlisted(model, row, layers)}`;
    }

    /**
     * Describes what a deleted folder held just before the layer that deleted it: the paths in
     * it, the folder itself left out, as the hover and the Image Layers view count them.
     */
    function describeDeletedContents(contents) {
      const held = `${format.bytes(contents.bytes)} in the ${format.count(contents.paths, 'path')} it held before the deletion`;
      if (contents.unknownSizes === 0) return held;
      return `${held}, with ${format.count(contents.unknownSizes, 'path')} of unknown size`;
    }

    /** Describes a row's certainty, and that of a folder's contents when they are less certain. */
    function describeCertainty(model, row) {
      const own = model.rows.certainties[row];
      if (!model.isFolder(row) || model.isDeleted(row)) return CERTAINTY_NAMES[own];
      const contents = model.contentCertaintyOf(row);
      if (model.isImplied(row)) return `${CERTAINTY_NAMES[contents]} for its contents`;
      if (contents <= own) return CERTAINTY_NAMES[own];
      return `${CERTAINTY_NAMES[own]} for the directory, ${CERTAINTY_NAMES[contents]} for its contents`;
    }

    /**
     * Names the mode and owner of a shadowed version where they differ from the visible one's,
     * so a layer that only ran `chmod` or `chown` shows what it changed. Empty when both are the same.
     */
    function describeOtherAttributes(model, row, version) {
      const { rows } = model;
      const words = [];
      if (version.mode !== rows.modes[row]) words.push(`mode ${format.mode(version.mode)}`);
      if (version.uid !== rows.uids[row] || version.gid !== rows.gids[row]) words.push(`owner ${format.owner(version.uid, version.gid)}`);
      return words.join(' · ');
    }

    /**
     * Lists the layers that wrote a version the deletion of `row` hides, lowest first, as a list
     * of layer buttons, because the image stores each of those versions' bytes. Returns `undefined`
     * when no layer is known.
     */
    function describeWriters(model, row, layers) {
      const written = model.details.deletedVersions.get(row) || [model.details.writtenBy.get(row)];
      const writers = written.map((index) => layers[index]).filter((layer) => layer !== undefined);
      if (writers.length === 0) return undefined;
      const listElement = element('ul', 'writer-list');
      listElement.setAttribute('aria-label', 'Written by');
      for (const writer of writers) {
        const item = element('li');
        item.append(layerButton(writer, ''));
        listElement.append(item);
      }
      return listElement;
    }

    function describe(model, row, layers) {
      const parts = [element('div', 'details-path', format.visibleName(model.pathOf(row)))];
      let type = model.isImplied(row) ? 'directory' : TYPE_NAMES[model.rows.types[row]];
      if (model.isUnlistedDeletion(row)) type = 'unknown';
      parts.push(fact('Type', type), fact('Size', describeSize(model, row, layers)));
      const target = model.details.linkTargets.get(row);
      if (target !== undefined) parts.push(fact('Target', format.visibleName(target)));
      const { rows } = model;
      if (!model.isImplied(row)) {
        parts.push(fact('Mode', format.mode(rows.modes[row])), fact('Owner', format.owner(rows.uids[row], rows.gids[row])));
      }
      const layer = layers[model.rows.layers[row]];
      if (model.isImplied(row)) {
        parts.push(fact('Layer', 'No layer lists this directory itself. It exists because layers wrote paths below it.'));
      } else if (model.isDeleted(row)) {
        parts.push(fact('Deleted by', layer ? layerButton(layer, '') : 'unknown layer'));
        const writers = describeWriters(model, row, layers);
        if (writers) parts.push(fact('Written by', writers));
        if (model.isUnlistedDeletion(row)) parts.push(fact('Written by', 'no earlier layer lists it; the base image, or a layer whose files are not all listed, may hold it'));
      } else if (layer) {
        parts.push(fact('Provided by', layerButton(layer, '')));
      }
      parts.push(fact('Certainty', describeCertainty(model, row)));
      const shadowed = model.details.shadowed.get(row) || [];
      if (shadowed.length > 0) {
        const listElement = element('ul', 'shadowed-list');
        listElement.setAttribute('aria-label', 'Shadowed versions');
        for (const version of shadowed) {
          const item = element('li');
          const lower = layers[version.layer];
          // A version of another type starts with its type, so that a folder that a file replaced
          // does not read as a file of 0 B. A folder has no size of its own, so none is shown.
          if (version.type !== undefined) item.append(element('span', 'shadowed-type', TYPE_NAMES[version.type]));
          if (version.type !== DIRECTORY) item.append(element('span', 'shadowed-size', format.bytes(version.size)));
          const attributes = describeOtherAttributes(model, row, version);
          if (attributes) item.append(element('span', 'shadowed-attributes', attributes));
          item.append(lower ? layerButton(lower, '') : element('span', '', `layer #${version.layer}`));
          listElement.append(item);
        }
        parts.push(element('div', 'fact-label shadowed-title', `Shadowed versions (${shadowed.length})`), listElement);
      }
      return parts;
    }

    return {
      /** Shows the details of `row`, or a hint when no row is selected. */
      show(model, row, layers) {
        const parts = row === undefined || row < 0 ? [element('div', 'details-empty', 'Select a path to see its layer and shadowed versions.')] : describe(model, row, layers);
        // A live region announces every change to its contents. A filter keystroke, a sort or new
        // data redraws the details of the same row, so equal text leaves the old elements in place.
        // Their layer buttons reveal the same line, because a button's text names its line.
        const text = parts.map((part) => part.textContent).join('\n');
        if (text === shownText) return;
        shownText = text;
        region.replaceChildren(...parts);
      },
    };
  }

  panel.createDetails = createDetails;
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
