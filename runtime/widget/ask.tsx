import { Component, h } from 'preact';
import type { EventOf } from '../../compiler/contract.ts';
import type { Env } from '../types.ts';
import type { View } from '../host.ts';
import type { MultiProps } from './multi.tsx';

interface Props {
  R: Env;
  ask: NonNullable<View['ask']>;
  send(event: EventOf<'c'> | EventOf<'x'>): void;
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
            <Multi {...(p as MultiProps)} />
          ) : (
            d.o.map((o, i) => (
              <button class="o" type="button" onClick={() => send({ type: ('c:' + n) as `c:${string}`, i: [i] })}>
                {R.tx(o.l, v)}
              </button>
            ))
          )}
        </div>
      );
    }
    // Only an input node has a kind (email, date…); intent and handoff ask for plain text.
    const k = (d as { k?: string }).k;
    return (
      <div class="k" ref={ref}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const box = (e.currentTarget as HTMLFormElement).elements[0] as HTMLInputElement;
            if (!box.value.trim()) return box.focus();
            send({ type: ('x:' + n) as `x:${string}`, x: box.value });
            box.value = '';
          }}
        >
          <input
            type={TYPES[k as string] || 'text'}
            inputMode={k === 'number' ? 'decimal' : undefined}
            aria-label={R.ui('answer')}
            placeholder={k === 'date' ? 'YYYY-MM-DD' : R.ui('answer')}
            autoComplete={k === 'email' ? 'email' : k === 'phone' ? 'tel' : undefined}
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
