import { Component } from 'preact';
import type { Env } from '../types.ts';

interface Props {
  R: Env;
  ask: { n: string; d: any; v: any };
  send(event: any): void;
}

const TYPES: Record<string, string> = { email: 'email', phone: 'tel', url: 'url' };

/**
 * The visitor's side of a question: one button per choice option (toggles and Done for
 * `multiple`), or a textbox and a Send button. The first control takes focus when it appears.
 */
export class Ask extends Component<Props, { sel: number[] }> {
  declare root: HTMLElement | null;

  constructor(p: Props) {
    super(p);
    this.state = { sel: [] };
  }

  componentDidMount() {
    const el = this.root && this.root.querySelector<HTMLElement>('button,input');
    if (el) el.focus();
  }

  render({ R, ask, send }: Props, { sel }: { sel: number[] }) {
    const { n, d, v } = ask;
    if (d.y === 'choice') {
      const toggle = (i: number) => this.setState({ sel: sel.includes(i) ? sel.filter((x) => x !== i) : sel.concat(i) });
      return (
        <div class="k" role="group" aria-label={R.tx(d.t, v) || undefined} ref={(e) => { this.root = e; }}>
          {d.o.map((o: any, i: number) => (
            <button
              class="o"
              type="button"
              aria-pressed={d.m ? sel.includes(i) : undefined}
              onClick={() => (d.m ? toggle(i) : send({ type: 'c:' + n, i: [i] }))}
            >
              {R.tx(o.l, v)}
            </button>
          ))}
          {d.m ? (
            <button class="sb" type="button" disabled={!sel.length} onClick={() => sel.length && send({ type: 'c:' + n, i: sel })}>
              {R.ui('done')}
            </button>
          ) : null}
        </div>
      );
    }
    return (
      <div class="k" ref={(e) => { this.root = e; }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const box = (e.currentTarget as HTMLFormElement).elements[0] as HTMLInputElement;
            if (!box.value.trim()) return box.focus();
            send({ type: 'x:' + n, x: box.value });
            box.value = '';
          }}
        >
          <input
            type={TYPES[d.k] || 'text'}
            inputMode={d.k === 'number' ? 'decimal' : undefined}
            aria-label={R.ui('answer')}
            placeholder={d.k === 'date' ? 'YYYY-MM-DD' : R.ui('answer')}
            autoComplete={d.k === 'email' ? 'email' : d.k === 'phone' ? 'tel' : 'off'}
            maxLength={2000}
          />
          <button class="sb" type="submit">
            {R.ui('send')}
          </button>
        </form>
      </div>
    );
  }
}
