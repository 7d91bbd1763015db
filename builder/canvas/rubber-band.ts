/**
 * Shift and drag on the canvas background: a dashed rectangle follows the pointer, and on release
 * the rectangle (in screen coordinates) is handed back to pick the nodes it touches.
 */

/** Draws the rectangle from `down` until the button is released, then calls `done` with its corners. */
export function rubberBand(
  container: HTMLElement,
  down: MouseEvent,
  done: (a: { x: number; y: number }, b: { x: number; y: number }) => void,
): void {
  const box = document.createElement('div');
  box.className = 'cl-rubber-band';
  const origin = container.getBoundingClientRect();
  container.append(box);
  const place = (x: number, y: number) => {
    box.style.left = `${Math.min(x, down.clientX) - origin.x}px`;
    box.style.top = `${Math.min(y, down.clientY) - origin.y}px`;
    box.style.width = `${Math.abs(x - down.clientX)}px`;
    box.style.height = `${Math.abs(y - down.clientY)}px`;
  };
  const move = (e: MouseEvent) => place(e.clientX, e.clientY);
  const up = (e: MouseEvent) => {
    window.removeEventListener('mousemove', move, true);
    window.removeEventListener('mouseup', up, true);
    box.remove();
    done(
      { x: Math.min(e.clientX, down.clientX), y: Math.min(e.clientY, down.clientY) },
      { x: Math.max(e.clientX, down.clientX), y: Math.max(e.clientY, down.clientY) },
    );
  };
  window.addEventListener('mousemove', move, true);
  window.addEventListener('mouseup', up, true);
}
