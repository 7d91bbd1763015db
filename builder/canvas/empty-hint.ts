/**
 * What an empty canvas says: where to begin. A blank bot otherwise opens on a dotted void with an
 * error about `start`; this names the first step and offers a button that takes it.
 */

/** The hint element, centred over the canvas; hidden once the bot has a node. */
export function emptyHint(addFirst: () => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'cl-empty-canvas';
  box.setAttribute('role', 'note');
  const title = document.createElement('p');
  title.className = 'cl-empty-title';
  title.textContent = 'This bot has no steps yet';
  const text = document.createElement('p');
  text.textContent =
    'Drag a Message from the palette to start, or add one here. The first node is where the bot starts.';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'cl-primary';
  button.textContent = 'Add a first message';
  button.addEventListener('click', addFirst);
  // Drawflow would take a press on the canvas for the start of a pan.
  button.addEventListener('mousedown', (e) => e.stopPropagation());
  box.append(title, text, button);
  return box;
}
