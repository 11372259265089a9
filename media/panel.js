// The Merged Filesystem webview: the toolbar, the tree and the details, the messages to and from
// the extension (shapes in `src/protocol/webview.ts`), and the view state kept with
// `getState`/`setState` so that the panel comes back as it was after a reload.
// Loaded after panel/format.js, panel/model.js, panel/tree.js and panel/details.js.
(function (panel) {
  'use strict';

  const vscode = acquireVsCodeApi();
  const FILTER_DELAY_MS = 150;

  // `layerColumn` is the Layer column's width in pixels, 0 for the stylesheet's default.
  const defaults = { uri: '', layer: -1, filter: '', sort: 'name', showDeleted: false, expanded: [], layerColumn: 0 };
  /** The persisted view state (`PanelState`); expanded folders are kept as paths, because row numbers change with the layer. */
  let state = { ...defaults, ...(vscode.getState() || {}) };
  let data;
  let model;
  let list = { rows: [] };
  let expanded = new Set();
  let active = -1;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Layout: toolbar, column header, tree, details, status line.
  const app = element('main', 'app');
  const toolbar = element('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  const stageSelect = element('select', 'stage-select');
  stageSelect.setAttribute('aria-label', 'Show the filesystem of stage');
  stageSelect.hidden = true;
  const layerSelect = element('select', 'layer-select');
  layerSelect.setAttribute('aria-label', 'Show the filesystem as of layer');
  const filterInput = element('input', 'filter');
  filterInput.type = 'search';
  // The placeholder is short enough for a narrow panel, and the tooltip and the label give the full rule.
  filterInput.placeholder = 'Filter paths';
  filterInput.title = 'Filter by name, or by path when the text contains a /';
  filterInput.setAttribute('aria-label', filterInput.title);
  const sortSelect = element('select', 'sort');
  sortSelect.setAttribute('aria-label', 'Sort');
  sortSelect.append(new Option('Sort by name', 'name'), new Option('Sort by size', 'size'));
  const deletedLabel = element('label', 'toggle');
  const deletedBox = element('input');
  deletedBox.type = 'checkbox';
  deletedLabel.append(deletedBox, document.createTextNode(' Show deleted'));
  toolbar.append(stageSelect, layerSelect, filterInput, sortSelect, deletedLabel);

  /** Creates a hidden notice above the tree: an icon, sentences and a button that reads as a link. */
  function createNotice(className) {
    const notice = element('div', `notice ${className}`);
    notice.setAttribute('role', 'note');
    notice.hidden = true;
    const icon = element('span', 'notice-icon', '⚠');
    icon.setAttribute('aria-hidden', 'true');
    const text = element('span', 'notice-text');
    const button = element('button', 'notice-button');
    button.type = 'button';
    notice.append(icon, text, button);
    return { notice, text, button };
  }

  // Where the build stops, when it does: a failing build otherwise looks like a good one.
  const stop = createNotice('stop-notice');
  // A closed Dockerfile is no longer analysed, so without this notice the panel would go stale unseen.
  const { notice: closedNotice, text: closedText, button: closedOpen } = createNotice('closed-notice');
  // A picked layer follows its step, so when an edit changes or removes that step the panel names the step it shows instead.
  const pick = createNotice('pick-notice');

  /**
   * Creates a column title that screen readers skip, because each row's name already states what
   * every cell shows. The titles are hidden one by one, not with the header, because the header
   * also contains the column resizer, which takes the focus and so must stay in the accessibility tree.
   */
  function columnTitle(className, text) {
    const title = element('span', className, text);
    title.setAttribute('aria-hidden', 'true');
    return title;
  }

  const header = element('div', 'header');
  const layerHeader = element('span', 'cell layer');
  layerHeader.append(columnTitle('', 'Layer'));
  header.append(columnTitle('cell name', 'Path'), layerHeader, columnTitle('cell line', 'Line'), columnTitle('cell size', 'Size'));
  const treeArea = element('div', 'tree-area');
  const status = element('div', 'status');
  status.setAttribute('role', 'status');
  app.append(toolbar, closedNotice, pick.notice, stop.notice, header, treeArea);
  document.body.append(app);

  const post = (message) => vscode.postMessage(message);
  const revealLayer = (layer) => post({ type: 'revealLine', line: layer.line });
  for (const { button } of [stop, pick]) button.addEventListener('click', () => post({ type: 'revealLine', line: Number(button.dataset.line) }));
  // Showing the Dockerfile opens it again, and the extension then analyses it and sends new data.
  closedOpen.addEventListener('click', () => post({ type: 'revealLine', line: 1 }));

  const tree = panel.createTreeView(treeArea, {
    select: (index) => activate(index),
    toggle: (index) => {
      activate(index);
      toggle(index);
    },
    revealLayer,
    open: (index) => openRow(index),
  });
  const filterMessage = panel.createFilterMessage(treeArea, () => {
    filterInput.value = '';
    clearTimeout(filterTimer);
    applyFilter();
    filterInput.focus();
  });
  const details = panel.createDetails(app, { revealLayer });
  app.append(status);
  panel.createColumnResizer(app, layerHeader, state.layerColumn, (width) => {
    state.layerColumn = width;
    vscode.setState(state);
  });

  function saveState() {
    state.expanded = [...expanded].map((row) => model.pathOf(row));
    state.selected = active >= 0 ? model.pathOf(list.rows[active]) : undefined;
    vscode.setState(state);
  }

  function sendView() {
    post({ type: 'setView', filter: state.filter, sort: state.sort, showDeleted: state.showDeleted });
  }

  /**
   * Names the step the view is as of. A step that makes no layer (CMD, ENV) shows the files of the
   * last layer below it, so the text names that layer too.
   */
  function describeAsOf(layers, asOf) {
    const step = layers[asOf];
    if (!step) return `layer #${asOf}`;
    if (!step.emptyLayer) return `layer ${panel.format.layerShort(step)}`;
    const below = layers.slice(0, asOf).reverse().find((layer) => !layer.emptyLayer);
    const same = below ? `the same as layer ${panel.format.layerShort(below)}` : 'before any layer';
    return `${panel.format.layerShort(step)}, ${same}`;
  }

  /** Names the stage shown when it is not the target, whose layers the panel shows by default. */
  function shownStageLabel() {
    const shown = data.stages.find((stage) => stage.index === data.stage);
    return shown && !shown.target ? shown.label : undefined;
  }

  /**
   * Counts the problems and names where they are listed. With more than one stage on offer the
   * count is split, because a problem of another stage is not about the stage shown.
   */
  function describeProblems() {
    const { count } = panel.format;
    const parts = [];
    const total = data.problemCount;
    // Closing the Dockerfile removed its problems from the Problems panel, so the count would point at nothing.
    if (total > 0 && !data.closedNotice) {
      const shown = data.stageProblemCount;
      const inStage = `${shown === 0 ? 'no problems' : count(shown, 'problem')} in this stage`;
      let where = `${count(total, 'problem')} in this Dockerfile`;
      if (data.stages.length >= 2) where = shown === total ? inStage : `${inStage}, ${total.toLocaleString('en')} in this Dockerfile`;
      parts.push(`${where}; see the Problems panel`);
    }
    if (data.contextProblemCount > 0) parts.push(`${count(data.contextProblemCount, 'build context path')} could not be read; see the Layer Lens output`);
    return parts;
  }

  function describeStatus() {
    if (!data) return 'Waiting for the analysis…';
    const rows = model.rows;
    let present = 0;
    let deleted = 0;
    for (const code of rows.states) {
      if (code === 0) present++;
      else if (code === 1) deleted++;
    }
    const { format } = panel;
    const stage = shownStageLabel();
    const paths = stage ? `${format.count(present, 'path')} in ${stage}` : format.count(present, 'path');
    const parts = [`${paths} as of ${describeAsOf(data.layers, data.view.asOf)}`, `${deleted.toLocaleString('en')} deleted`];
    parts.push(...describeProblems());
    if (state.filter) parts.push(`${format.count(list.matchCount, 'path')} ${list.matchCount === 1 ? 'matches' : 'match'}`);
    if (data.imageName) parts.push(`linked image ${data.imageName}`);
    return parts.join(' · ');
  }

  /** Recomputes the visible rows and draws them, keeping the selected path selected. */
  function refresh() {
    if (!model) return;
    let selectedRow = -1;
    if (active >= 0) selectedRow = list.rows[active];
    else if (state.selected) selectedRow = model.findRow(state.selected);
    list = model.flatten({ expanded, sort: state.sort, showDeleted: state.showDeleted, filter: state.filter });
    active = selectedRow >= 0 ? list.rows.indexOf(selectedRow) : -1;
    tree.show(model, list, data.layers, active);
    filterMessage.show(state.filter, list.matchCount, countHiddenDeletedMatches());
    details.show(model, active >= 0 ? list.rows[active] : -1, data.layers);
    status.textContent = describeStatus();
  }

  /** Counts the deleted paths that would match the filter if they were shown, when none shown matches. */
  function countHiddenDeletedMatches() {
    if (!state.filter || list.matchCount > 0 || state.showDeleted) return 0;
    return model.flatten({ expanded, sort: state.sort, showDeleted: true, filter: state.filter }).matchCount;
  }

  /**
   * Brings the first match into view with its ancestors, or the selected row when the filter is
   * cleared, because the old scroll position belongs to another list.
   */
  function scrollAfterFilter() {
    if (state.filter && list.firstMatch >= 0) tree.scrollToIndex(list.firstMatch - list.depths[list.firstMatch]);
    else if (!state.filter && active >= 0) tree.setActive(active);
    else tree.scrollToIndex(0);
  }

  function activate(index) {
    if (index < 0 || index >= list.rows.length) return;
    active = index;
    tree.setActive(index);
    details.show(model, list.rows[index], data.layers);
    saveState();
  }

  function toggle(index) {
    const row = list.rows[index];
    if (!list.expandable[index]) return;
    if (list.opened[index]) expanded.delete(row);
    else expanded.add(row);
    refresh();
    saveState();
  }

  function openRow(index) {
    const row = list.rows[index];
    if (model.isFolder(row)) toggle(index);
    else if (!model.isDeleted(row) && !model.isImplied(row)) post({ type: 'openPath', path: model.pathOf(row), layer: data.view.asOf });
  }

  /** Reveals the Dockerfile line of the layer that provides or deletes the row, as a click on its Layer cell does. */
  function revealRowLayer(index) {
    const layer = data.layers[model.rows.layers[list.rows[index]]];
    if (layer) revealLayer(layer);
  }

  function moveToParent(index) {
    const parent = model.parentOf(list.rows[index]);
    if (parent >= 0) activate(list.rows.indexOf(parent));
  }

  const keys = {
    ArrowDown: (index) => activate(Math.min(list.rows.length - 1, index + 1)),
    ArrowUp: (index) => activate(Math.max(0, index - 1)),
    PageDown: (index) => activate(Math.min(list.rows.length - 1, index + tree.pageSize())),
    PageUp: (index) => activate(Math.max(0, index - tree.pageSize())),
    Home: () => activate(0),
    End: () => activate(list.rows.length - 1),
    ArrowRight: (index) => {
      if (list.opened[index]) activate(index + 1);
      else toggle(index);
    },
    ArrowLeft: (index) => {
      if (list.opened[index]) toggle(index);
      else moveToParent(index);
    },
    Enter: (index) => openRow(index),
    // Space opens or closes a folder, as in VS Code's trees, and no longer scrolls the tree a page.
    ' ': (index) => toggle(index),
    // F12 is Go to Definition in VS Code, and the step that made a path is where it is defined.
    F12: (index) => revealRowLayer(index),
  };

  // Type-to-jump, as in VS Code's lists: keys typed less than a second apart form a prefix.
  const TYPE_AHEAD_MS = 1000;
  let typed = '';
  let typedAt = 0;

  /**
   * Activates the next visible row whose name starts with the typed prefix, ignoring case. A new
   * prefix searches from the row after the active one, so pressing one letter again moves on.
   * A growing prefix searches from the active row. The search wraps at the end.
   */
  function jumpToName(key, now) {
    const fresh = now - typedAt > TYPE_AHEAD_MS;
    typed = fresh ? key.toLowerCase() : typed + key.toLowerCase();
    typedAt = now;
    const start = Math.max(active, 0) + (fresh && active >= 0 ? 1 : 0);
    for (let step = 0; step < list.rows.length; step++) {
      const index = (start + step) % list.rows.length;
      if (model.rows.names[list.rows[index]].toLowerCase().startsWith(typed)) {
        activate(index);
        return;
      }
    }
  }

  tree.viewport.addEventListener('keydown', (event) => {
    if (event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if (list.rows.length > 0) jumpToName(event.key, event.timeStamp);
      return;
    }
    const action = keys[event.key];
    if (!action || list.rows.length === 0) return;
    event.preventDefault();
    // With no row selected yet, a move selects the first row rather than moving past it.
    if (active < 0 && event.key !== 'End') activate(0);
    else action(active);
  });

  layerSelect.addEventListener('change', () => {
    flushFilter();
    state.layer = Number(layerSelect.value);
    status.textContent = `Loading the filesystem as of #${state.layer}…`;
    post({ type: 'selectLayer', layer: state.layer });
    saveState();
  });

  stageSelect.addEventListener('change', () => {
    flushFilter();
    const stage = Number(stageSelect.value);
    status.textContent = `Loading the filesystem of ${stageSelect.selectedOptions[0]?.textContent || `stage ${stage}`}…`;
    post({ type: 'selectStage', stage });
    // The new stage starts at its default layer (the last one its build makes), because layer numbers count in each stage's own chain.
    state.stage = stage;
    state.layer = -1;
    saveState();
  });

  let filterTimer = 0;

  function applyFilter() {
    filterTimer = 0;
    state.filter = filterInput.value;
    refresh();
    scrollAfterFilter();
    saveState();
    sendView();
  }

  filterInput.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilter, FILTER_DELAY_MS);
  });

  /**
   * Applies a filter edit still waiting for its delay. Anything that stores the state or takes
   * new data calls this first. New data sets the input from the state, so an edit not yet applied
   * would be replaced by the old filter, and the waiting timer would then apply and save that.
   */
  function flushFilter() {
    if (!filterTimer) return;
    clearTimeout(filterTimer);
    applyFilter();
  }

  sortSelect.addEventListener('change', () => {
    state.sort = sortSelect.value === 'size' ? 'size' : 'name';
    refresh();
    saveState();
    sendView();
  });

  deletedBox.addEventListener('change', () => {
    state.showDeleted = deletedBox.checked;
    refresh();
    saveState();
    sendView();
  });

  /**
   * Sets --layer-content to the width of the widest layer cell the list can show, in the rows'
   * font, for the narrow layout of panel.css. Rows are drawn only near the scroll position, so
   * the width comes from every layer's name, measured in one layout of a hidden element.
   */
  function measureLayerColumn(layers) {
    const probe = element('div', 'layer-probe');
    probe.setAttribute('aria-hidden', 'true');
    probe.append(...layers.map((layer) => element('span', 'cell layer', panel.format.layerShort(layer))));
    app.append(probe);
    const width = Math.ceil(probe.getBoundingClientRect().width);
    probe.remove();
    if (width > 0) app.style.setProperty('--layer-content', `${width}px`);
    else app.style.removeProperty('--layer-content');
  }

  /**
   * Lists the layers. A step the build fails on or never reaches makes no layer in a real build,
   * so its option is muted, ends with a short mark, and explains itself in a tooltip.
   */
  function fillLayerSelect(layers, asOf) {
    measureLayerColumn(layers);
    layerSelect.replaceChildren(...layers.map(layerOption));
    layerSelect.value = String(asOf);
    layerSelect.disabled = layers.length === 0;
    layerSelect.title = layers[asOf]?.buildStop?.explanation ?? '';
  }

  function layerOption(layer) {
    const stop = layer.buildStop;
    const text = panel.format.layerLong(layer);
    const option = new Option(stop ? `${text} · ${stop.mark}` : text, String(layer.index));
    if (stop) {
      option.className = 'stopped';
      option.title = stop.explanation;
    }
    return option;
  }

  /**
   * Shows a notice with a line (a `StopNotice` or a `PickNotice`) in the elements of `createNotice`,
   * or hides them when there is none.
   */
  function showLineNotice(parts, notice) {
    parts.notice.hidden = !notice;
    if (!notice) return;
    parts.text.textContent = notice.message;
    parts.button.textContent = `Go to line ${notice.line}`;
    parts.button.dataset.line = String(notice.line);
  }

  /** Shows that the Dockerfile was closed, with a button that opens it, or hides the notice when it is open. */
  function showClosedNotice(message, fileName) {
    closedNotice.hidden = !message;
    if (!message) return;
    closedText.textContent = message;
    closedOpen.textContent = `Open ${fileName}`;
  }

  /** Lists the stages the extension offers, and hides the select when the target is the only one. */
  function fillStageSelect(stages, shown) {
    const mark = (stage) => {
      if (stage.target) return ' · target';
      return stage.notBuilt ? ' · not built' : '';
    };
    stageSelect.replaceChildren(...stages.map((stage) => new Option(`${stage.label}${mark(stage)}`, String(stage.index))));
    stageSelect.value = String(shown);
    stageSelect.hidden = stages.length < 2;
  }

  /** Takes new data (`init` or `update`), keeping expansion and selection by path. */
  function receive(message) {
    flushFilter();
    if (message.uri !== state.uri) {
      // Another Dockerfile's state (or none): start from the extension's options.
      state = { ...defaults, ...(message.options || {}), uri: message.uri, layerColumn: state.layerColumn };
    }
    if (model) state.expanded = [...expanded].map((row) => model.pathOf(row));
    if (model && active >= 0) state.selected = model.pathOf(list.rows[active]);
    data = message;
    state.layer = message.view.asOf;
    // The target is stored as no stage, so that the panel keeps following the target after an edit renumbers the stages.
    state.stage = shownStageLabel() ? message.stage : undefined;
    model = panel.createTreeModel(message.view.rows, message.layers);
    expanded = new Set(state.expanded.map((path) => model.findRow(path)).filter((row) => row >= 0));
    active = -1;
    fillStageSelect(message.stages, message.stage);
    fillLayerSelect(message.layers, message.view.asOf);
    showLineNotice(stop, message.stopNotice);
    showLineNotice(pick, message.pickNotice);
    showClosedNotice(message.closedNotice, message.fileName);
    filterInput.value = state.filter;
    sortSelect.value = state.sort;
    deletedBox.checked = state.showDeleted;
    refresh();
    vscode.setState(state);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'init' || message.type === 'update') {
      performance.mark(`layerLens:${message.type}:received`);
      receive(message);
      performance.mark(`layerLens:${message.type}:rendered`);
    } else if (message.type === 'error') {
      status.textContent = String(message.message);
      status.setAttribute('role', 'alert');
    }
  });

  refresh();
  status.textContent = describeStatus();
  details.show(undefined, -1, []);
  post({ type: 'ready' });
})(globalThis.layerLensPanel);
