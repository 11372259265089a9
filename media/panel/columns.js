// The handle between the Path and Layer columns: dragging it, or pressing Left and Right while
// it has the focus, sets the Layer column's width, and the Path column takes the rest.
// Plain browser script: it attaches `createColumnResizer` to `globalThis.layerLensPanel`.
(function (panel) {
  'use strict';

  const MIN_WIDTH = 48;
  /** Width left to the Path, Line and Size columns when the Layer column is as wide as allowed. */
  const RESERVED_WIDTH = 220;
  const KEY_STEP = 16;

  /**
   * Adds the handle to `headerCell` and applies widths to the CSS variable `--layer-column` of
   * `root`. `width` is the stored width in pixels (0 for the stylesheet's default), and
   * `onChange(width)` runs when the user sets a new one.
   */
  function createColumnResizer(root, headerCell, width, onChange) {
    const handle = document.createElement('div');
    handle.className = 'resizer';
    handle.tabIndex = 0;
    handle.setAttribute('role', 'separator');
    handle.setAttribute('aria-orientation', 'vertical');
    handle.setAttribute('aria-label', 'Width of the Layer column');
    handle.title = 'Drag to resize the Path and Layer columns; double-click to reset';
    headerCell.append(handle);

    const clamp = (value) => Math.round(Math.max(MIN_WIDTH, Math.min(value, root.clientWidth - RESERVED_WIDTH)));

    function apply(value) {
      if (value > 0) root.style.setProperty('--layer-column', `${value}px`);
      else root.style.removeProperty('--layer-column');
      handle.setAttribute('aria-valuenow', String(Math.round(headerCell.getBoundingClientRect().width)));
    }

    function set(value) {
      apply(value);
      onChange(value);
    }

    handle.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      const startX = event.clientX;
      const startWidth = headerCell.getBoundingClientRect().width;
      // The Layer column is right of the handle, so moving the pointer left widens it.
      const move = (moveEvent) => apply(clamp(startWidth - (moveEvent.clientX - startX)));
      const end = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', end);
        handle.removeEventListener('pointercancel', end);
        set(clamp(headerCell.getBoundingClientRect().width));
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', end);
      handle.addEventListener('pointercancel', end);
    });

    handle.addEventListener('keydown', (event) => {
      const direction = { ArrowLeft: 1, ArrowRight: -1 }[event.key];
      if (!direction) return;
      event.preventDefault();
      set(clamp(headerCell.getBoundingClientRect().width + direction * KEY_STEP));
    });

    handle.addEventListener('dblclick', () => set(0));

    apply(width);
  }

  panel.createColumnResizer = createColumnResizer;
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
