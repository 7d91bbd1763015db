import { Component, h } from 'preact';
import type { Env } from '../types.ts';

interface Props {
  R: Env;
  ask: { n: string; d: any; v: any };
  send(event: any): void;
}

const TYPES: Record<string, string> = { email: 'email', phone: 'tel', url: 'url' };

/**
 * The visitor's side of a question: one button per choice option, or a textbox and a Send
 * button. The first control takes focus when it appears.
 */
export class Ask extends Component<Props> {
  declare root: HTMLElement | null;

  componentDidMount() {
    const el = this.root && this.root.querySelector<HTMLElement>('button,input');
    if (el) el.focus();
  }

  render(p: Props) {
    const { R, ask, send } = p;
    const { n, d, v } = ask;
    const ref = (e: HTMLElement | null) => {
      this.root = e;
    };
    if (d.y === 'choice') {
      const Multi = R.spec.mc;
      return (
        <div class="k" role="group" aria-label={R.tx(d.t, v) || undefined} ref={ref}>
          {d.m && Multi ? (
            <Multi {...p} />
          ) : (
            d.o.map((o: any, i: number) => (
              <button class="o" type="button" onClick={() => send({ type: 'c:' + n, i: [i] })}>
                {R.tx(o.l, v)}
              </button>
            ))
          )}
        </div>
      );
    }
    return (
      <div class="k" ref={ref}>
        <form
          noValidate
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
            autoComplete={d.k === 'email' ? 'email' : d.k === 'phone' ? 'tel' : undefined}
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
