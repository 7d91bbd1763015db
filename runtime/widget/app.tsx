import { Component, h } from 'preact';
import type { Env } from '../types.ts';
import type { Host } from '../host.ts';
import { Ask } from './ask.tsx';

interface Props {
  R: Env;
  host: Host;
  /** starts the conversation when the visitor opens the chat, if the start trigger is `open` */
  onOpen(): void;
}

interface State {
  shown: number;
  typing: boolean;
}

const ICON = <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" /></svg>;

/**
 * The chat: a launcher, a dialog with the transcript as a `role="log"` list, and the question's
 * controls. Bot messages appear one by one after the typing delay; history appears at once.
 */
export class App extends Component<Props, State> {
  declare timer: any;
  declare log: HTMLElement | null;
  declare launcher: HTMLElement | null;

  constructor(p: Props) {
    super(p);
    this.state = { shown: p.host.view().t.length, typing: false };
  }

  componentDidMount() {
    this.props.host.sub(() => this.reveal());
  }

  /** Boot draws the launcher before storage opens, then hands the real host over: its history shows at once. */
  componentWillReceiveProps(p: Props) {
    if (p.host !== this.props.host) p.host.sub(() => this.reveal()), this.setState({ shown: p.host.view().t.length });
  }

  getSnapshotBeforeUpdate() {
    return (this.base as any).getRootNode().activeElement;
  }

  componentDidUpdate(_: Props, __: State, had: Element | null) {
    if (this.log) this.log.scrollTop = this.log.scrollHeight;
    // A control that goes away with focus on it (an answered question, the end) would drop focus
    // onto the page, where Escape no longer reaches the chat: the close button keeps it instead.
    const x = had && !(this.base as any).getRootNode().activeElement && (this.base as HTMLElement).querySelector<HTMLElement>('.x');
    if (x) x.focus();
  }

  /** Shows the next unseen entry: visitor entries at once, bot entries after the typing delay. */
  reveal(): void {
    const { host, R } = this.props;
    const t = host.view().t;
    const { shown, typing } = this.state;
    if (typing) return;
    if (shown >= t.length) return this.forceUpdate();
    const next = (): void => this.setState({ shown: this.state.shown + 1, typing: false }, () => this.reveal());
    if (t[shown].f !== 'b' || !R.spec.s.td) return next();
    this.setState({ typing: true });
    this.timer = setTimeout(next, R.spec.s.td);
  }

  toggle(open: boolean) {
    const { host } = this.props;
    host.open = open;
    if (open) this.props.onOpen();
    this.forceUpdate(() => {
      // The question's first control, else the close button: one selector list would match in
      // document order, where the header's close button always comes first.
      const q = (sel: string) => (this.base as HTMLElement).querySelector<HTMLElement>(sel);
      const el = open ? q('.k button,.k input') || q('.x') : this.launcher;
      if (el) el.focus();
    });
  }

  render({ R, host }: Props, { shown, typing }: State) {
    const s = R.spec.s;
    const inline = s.o === 'inline';
    const open = inline || host.open;
    const v = host.view();
    const title = s.th.title || R.ui('title');
    const caughtUp = shown >= v.t.length && !typing;
    return (
      <div class={`w ${s.o}${open ? ' on' : ''}`} onKeyDown={(e) => e.key === 'Escape' && !inline && open && this.toggle(false)}>
        {open ? (
          <section class="p" role="dialog" aria-label={title}>
            <header>
              <span>{title}</span>
              {inline ? null : (
                <button class="x" type="button" aria-label={R.ui('close')} onClick={() => this.toggle(false)}>
                  ×
                </button>
              )}
            </header>
            {/* role="log" may not sit on the list itself: a ul keeps its list role, so its items stay list items. */}
            <div class="g" role="log" aria-live="polite" aria-label={title} ref={(e) => { this.log = e; }}>
              <ul>
                {v.t.slice(0, shown).map((e) => (
                  <li class={e.f}>
                    {R.spec.md && e.f !== 'u' ? R.spec.md(e.x) : e.x}
                    {e.i ? <img src={e.i} alt="" /> : null}
                  </li>
                ))}
              </ul>
            </div>
            {typing ? <p class="ty" aria-hidden="true"><i /><i /><i /></p> : null}
            {caughtUp && v.ask ? <Ask key={v.ask.n + ':' + v.t.filter((e) => e.f === 'u').length} R={R} ask={v.ask} send={(e) => host.send(e)} /> : null}
          </section>
        ) : null}
        {inline || open ? null : (
          <button class="l" type="button" aria-label={R.ui('open')} aria-expanded="false" ref={(e) => { this.launcher = e; }} onClick={() => this.toggle(true)}>
            {ICON}
          </button>
        )}
      </div>
    );
  }
}
