import { Component, h } from 'preact';
import type { AsFunctions, EventOf, NodeDataOf, TextOf, UiKey, Vars } from '../../compiler/contract.ts';

/** What the multiple choice needs: the question, narrowed to a choice, and where the answer goes. */
export interface MultiProps {
  // Only the two calls the controls make of the Env: types.ts names this module in the Spec, so
  // importing the Env from it would close an import cycle.
  R: { tx(t: TextOf<AsFunctions> | undefined, v: Vars): string; ui(key: UiKey): string };
  ask: { n: string; d: NodeDataOf<'choice', AsFunctions>; v: Vars };
  send(event: EventOf<'c'>): void;
}

/** A multiple choice: options toggle (aria-pressed) and Done sends them. Shipped only to bots that use it. */
export class Multi extends Component<MultiProps, { sel: number[] }> {
  constructor(p: MultiProps) {
    super(p);
    this.state = { sel: [] };
  }

  render({ R, ask: { n, d, v }, send }: MultiProps, { sel }: { sel: number[] }) {
    return [
      ...d.o.map((o, i) => (
        <button
          class="o"
          type="button"
          aria-pressed={sel.includes(i)}
          onClick={() => this.setState({ sel: sel.includes(i) ? sel.filter((x) => x !== i) : sel.concat(i) })}
        >
          {R.tx(o.l, v)}
        </button>
      )),
      <button
        class="sb"
        type="button"
        disabled={!sel.length}
        onClick={() => sel.length && send({ type: ('c:' + n) as `c:${string}`, i: sel })}
      >
        {R.ui('done')}
      </button>,
    ];
  }
}
