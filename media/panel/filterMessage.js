// The message that takes the tree's place when the filter matches no path, because an empty
// tree alone looks like an empty filesystem or a panel that failed to load.
// Plain browser script: it attaches `createFilterMessage` to `globalThis.layerLensPanel`.
(function (panel) {
  'use strict';

  /**
   * Creates the hidden message inside `container`, over the tree. `onClear()` runs when its
   * button is pressed, and should empty the filter.
   */
  function createFilterMessage(container, onClear) {
    const message = document.createElement('div');
    message.className = 'filter-message';
    message.setAttribute('role', 'status');
    message.hidden = true;
    const text = document.createElement('p');
    const clear = document.createElement('button');
    clear.type = 'button';
    clear.className = 'notice-button';
    clear.textContent = 'Clear the filter';
    clear.addEventListener('click', () => onClear());
    message.append(text, clear);
    container.append(message);

    return {
      /**
       * Shows the message for `filter`, or hides it when `matchCount` is above 0 or no filter is
       * set. `deletedMatches` counts the hidden deleted paths that match, so the message can
       * point at the Show deleted box.
       */
      show(filter, matchCount, deletedMatches) {
        message.hidden = !filter || matchCount > 0;
        if (message.hidden) return;
        const [verb, pronoun] = deletedMatches === 1 ? ['matches', 'it'] : ['match', 'them'];
        const deleted = deletedMatches > 0 ? ` ${panel.format.count(deletedMatches, 'deleted path')} ${verb}: check Show deleted to see ${pronoun}.` : '';
        text.textContent = `No path matches the filter "${filter}".${deleted}`;
      },
    };
  }

  panel.createFilterMessage = createFilterMessage;
})((globalThis.layerLensPanel = globalThis.layerLensPanel || {}));
