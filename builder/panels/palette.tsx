/** Every node type: drag one onto the canvas, or click (or press Enter) to add it in the middle of the view. */
import { h } from 'preact';
import type { Controller } from '../app/controller.ts';
import { NODE_DRAG_TYPE } from '../canvas/canvas-view.ts';
import { PALETTE } from '../model/new-node.ts';

/** The node types to add: click for the middle of the view, or drag onto the canvas. */
export function Palette({ ctl }: { ctl: Controller }) {
  return (
    <nav class="cl-palette" aria-label="Node palette">
      <h2>Add</h2>
      <ul>
        {PALETTE.map((p) => (
          <li>
            <button
              type="button"
              draggable
              class={`cl-palette-item cl-type-${p.type}`}
              data-node-type={p.type}
              title={p.hint}
              onDragStart={(e) => {
                e.dataTransfer!.setData(NODE_DRAG_TYPE, p.type);
                e.dataTransfer!.effectAllowed = 'copy';
              }}
              onClick={() => ctl.add(p.type)}
            >
              <span class="cl-palette-title">{p.title}</span>
              <span class="cl-palette-hint">{p.hint}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
