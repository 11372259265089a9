// The virtualised tree: a scrolling viewport that keeps only the rows in sight (plus a margin) in
// the DOM, reusing a pool of row elements. Every name is set with `textContent`, never as HTML.
// Plain browser script: it attaches `createTreeView` to `globalThis.layerLensPanel`.
(function (panel) {
  'use strict';

  const ROW_HEIGHT = 22;
  const OVERSCAN = 10;
  const INDENT = 16;

  function span(className) {
    const element = document.createElement('span');
    element.className = className;
    return element;
  }

  /** Creates one pooled row element with its cells. */
  function createRowElement() {
    const element = document.createElement('div');
    element.className = 'row';
    element.setAttribute('role', 'treeitem');
    const name = span('cell name');
    const parts = {
      element,
      name,
      twisty: span('twisty'),
      label: span('label'),
      link: span('link-target'),
      badge: span('badge'),
      layer: span('cell layer'),
      line: span('cell line'),
      size: span('cell size'),
    };
    parts.twisty.setAttribute('aria-hidden', 'true');
    name.append(parts.twisty, parts.label, parts.link, parts.badge);
    element.append(name, parts.layer, parts.line, parts.size);
    return parts;
  }

  /**
   * Creates the tree inside `container`. `handlers` gets `select(index)`, `toggle(index)`,
   * `revealLayer(layer)` and `open(index)`, where `index` is a position in the visible list.
   */
  function createTreeView(container, handlers) {
    const { format } = panel;
    const viewport = document.createElement('div');
    viewport.className = 'viewport';
    viewport.tabIndex = 0;
    viewport.setAttribute('role', 'tree');
    viewport.setAttribute('aria-label', 'Merged filesystem');
    const spacer = document.createElement('div');
    spacer.className = 'spacer';
    viewport.append(spacer);
    container.append(viewport);

    const pool = [];
    let model;
    let list = { rows: [] };
    let layers = [];
    let active = -1;
    let frame = 0;

    function describeBadge(row) {
      if (model.isDeleted(row)) return `deleted by #${model.rows.layers[row]}`;
      const shadowed = model.details.shadowed.get(row);
      if (shadowed) return `shadows ${shadowed.map((version) => `#${version.layer}`).join(', ')}`;
      if (model.isImplied(row)) return 'not listed by any layer';
      return '';
    }

    /** Formats a row's size: a folder's total, or what a deleted folder held before its deletion. */
    function describeSize(row, folder) {
      if (!folder) return format.bytes(model.rows.sizes[row]);
      const contents = model.isDeleted(row) ? model.details.deletedContents.get(row) : undefined;
      return contents ? format.deletedTotal(contents) : format.total(model.totalOf(row), model.hasUnknownSize(row));
    }

    function fillRow(parts, index) {
      const row = list.rows[index];
      const folder = model.isFolder(row);
      const expandable = list.expandable[index];
      const layer = layers[model.rows.layers[row]];
      const { element } = parts;
      element.id = `row-${index}`;
      element.dataset.index = String(index);
      element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      element.setAttribute('aria-level', String(list.depths[index] + 1));
      element.setAttribute('aria-posinset', String(list.positions[index]));
      element.setAttribute('aria-setsize', String(list.setSizes[index]));
      element.setAttribute('aria-selected', String(index === active));
      if (expandable) element.setAttribute('aria-expanded', String(list.opened[index]));
      else element.removeAttribute('aria-expanded');
      element.classList.toggle('active', index === active);
      element.classList.toggle('deleted', model.isDeleted(row));
      element.classList.toggle('implied', model.isImplied(row));
      element.classList.toggle('shadowing', model.details.shadowed.has(row));
      parts.name.style.paddingLeft = `${list.depths[index] * INDENT + 4}px`;
      let twisty = '';
      if (expandable) twisty = list.opened[index] ? '▾' : '▸';
      parts.twisty.textContent = twisty;
      const name = format.visibleName(model.rows.names[row]);
      parts.label.textContent = folder ? `${name}/` : name;
      const target = model.details.linkTargets.get(row);
      parts.link.textContent = target === undefined ? '' : ` → ${format.visibleName(target)}`;
      parts.badge.textContent = describeBadge(row);
      // The full path and badge, for a name that the column cuts short.
      const shownPath = format.visibleName(model.pathOf(row));
      parts.name.title = parts.badge.textContent ? `${shownPath} (${parts.badge.textContent})` : shownPath;
      parts.layer.textContent = format.layerShort(layer);
      // F12 on the row does what a click on this cell does, and aria-keyshortcuts names that key to screen readers.
      parts.layer.title = layer ? `Reveal line ${layer.line} (F12): ${format.layerText(layer, 200)}` : '';
      parts.layer.classList.toggle('clickable', layer !== undefined);
      if (layer) element.setAttribute('aria-keyshortcuts', 'F12');
      else element.removeAttribute('aria-keyshortcuts');
      parts.line.textContent = layer ? String(layer.line) : '';
      parts.size.textContent = describeSize(row, folder);
      // Set on every render, because the pool reuses an element for whichever row scrolls into its place.
      element.setAttribute('aria-label', panel.describeRowName(model, row, layers));
    }

    function render() {
      frame = 0;
      spacer.style.height = `${list.rows.length * ROW_HEIGHT}px`;
      const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
      const last = Math.min(list.rows.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_HEIGHT) + OVERSCAN);
      while (pool.length < last - first) {
        const parts = createRowElement();
        pool.push(parts);
        viewport.append(parts.element);
      }
      pool.forEach((parts, slot) => {
        const index = first + slot;
        parts.element.hidden = index >= last;
        if (index < last) fillRow(parts, index);
        // A spare element keeps no row id, so that aria-activedescendant never finds a hidden twin.
        else parts.element.removeAttribute('id');
      });
      // A row scrolled out of the rendered range has no element, and an id that names no element
      // leaves a screen reader without a focused item. The next key press scrolls the row back.
      if (active >= first && active < last) viewport.setAttribute('aria-activedescendant', `row-${active}`);
      else viewport.removeAttribute('aria-activedescendant');
    }

    function schedule() {
      if (!frame) frame = requestAnimationFrame(render);
    }

    function indexOfEvent(event) {
      const element = event.target.closest('.row');
      return element ? Number(element.dataset.index) : -1;
    }

    viewport.addEventListener('scroll', schedule);
    new ResizeObserver(schedule).observe(viewport);
    // A click on a folder opens or closes it, as in VS Code's Explorer, and a click on a file selects it.
    viewport.addEventListener('click', (event) => {
      const index = indexOfEvent(event);
      if (index < 0) return;
      const layer = layers[model.rows.layers[list.rows[index]]];
      if (event.target.closest('.layer') && layer) handlers.revealLayer(layer);
      else if (event.target.closest('.twisty') || model.isFolder(list.rows[index])) handlers.toggle(index);
      else handlers.select(index);
    });
    // The two clicks of a double-click already opened and closed a folder, so only a file opens.
    viewport.addEventListener('dblclick', (event) => {
      const index = indexOfEvent(event);
      if (index >= 0 && !event.target.closest('.layer') && !model.isFolder(list.rows[index])) handlers.open(index);
    });

    return {
      viewport,
      /** Shows a new visible list; renders at once so the first paint needs no extra frame. */
      show(nextModel, nextList, nextLayers, nextActive) {
        model = nextModel;
        list = nextList;
        layers = nextLayers;
        active = Math.min(nextActive, list.rows.length - 1);
        render();
      },
      setActive(index) {
        active = index;
        const top = index * ROW_HEIGHT;
        if (top < viewport.scrollTop) viewport.scrollTop = top;
        else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight;
        render();
      },
      pageSize: () => Math.max(1, Math.floor(viewport.clientHeight / ROW_HEIGHT) - 1),
      scrollTop: () => viewport.scrollTop,
      setScrollTop(value) {
        viewport.scrollTop = value;
        render();
      },
      /** Scrolls so that the row at `index` is the top row, as far as the list allows. */
      scrollToIndex(index) {
        viewport.scrollTop = Math.max(0, index) * ROW_HEIGHT;
        render();
      },
    };
  }

  panel.createTreeView = createTreeView;
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
