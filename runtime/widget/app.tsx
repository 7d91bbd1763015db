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

const ICON = (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
  </svg>
);

/**
 * The chat: a launcher, a dialog with the transcript as a `role="log"` list, and the question's
 * controls. Bot messages appear one by one after the typing delay; history appears at once.
 */
export class App extends Component<Props> {
  /** the bot message being typed, if any */
  declare timer: ReturnType<Env['c']['setTimeout']> | 0 | undefined;
  /** how many transcript entries are on screen */
  declare n: number;
  declare log: HTMLElement | null;
  declare launcher: HTMLElement | null;

  constructor(p: Props) {
    super(p);
    this.n = p.host.view().t.length;
  }

  componentDidMount() {
    this.props.host.sub(() => this.reveal());
  }

  /** Boot draws the launcher before storage opens, then hands the real host over: its history shows at once. */
  componentWillReceiveProps(p: Props) {
    if (p.host !== this.props.host) (p.host.sub(() => this.reveal()), (this.n = p.host.view().t.length));
  }

  getSnapshotBeforeUpdate(): Element | null {
    return ((this.base as Element).getRootNode() as Document | ShadowRoot).activeElement;
  }

  componentDidUpdate(_: Props, __: unknown, had: Element | null) {
    if (this.log) this.log.scrollTop = this.log.scrollHeight;
    // A control that goes away with focus on it (an answered question, the end) would drop focus
    // onto the page, where Escape no longer reaches the chat: the close button keeps it instead.
    const x =
      had &&
      !((this.base as Element).getRootNode() as Document | ShadowRoot).activeElement &&
      (this.base as HTMLElement).querySelector<HTMLElement>('.x');
    if (x) x.focus();
  }

  /**
   * Shows what is new: visitor entries at once, each bot entry after the typing delay, one at a
   * time. The count and the timer live on the instance, not in state, so that several updates
   * arriving before a render cannot start two timers or skip an entry's delay.
   */
  reveal(): void {
    const t = this.props.host.view().t;
    const td = this.props.R.spec.s.td;
    // A shorter transcript is a new conversation (reset): it is shown from its start.
    if (this.n > t.length) this.n = 0;
    if (!this.timer) {
      while (this.n < t.length && (t[this.n].f !== 'b' || !td)) this.n++;
      if (this.n < t.length)
        this.timer = this.props.R.c.setTimeout(() => ((this.timer = 0), this.n++, this.reveal()), td);
    }
    this.forceUpdate();
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

  render({ R, host }: Props) {
    const shown = this.n;
    const typing = !!this.timer;
    const s = R.spec.s;
    const inline = s.o === 'inline';
    const open = inline || host.open;
    const v = host.view();
    const title = s.th.title || R.ui('title');
    const caughtUp = shown >= v.t.length && !typing;
    return (
      <div
        class={`w ${s.o}${open ? ' on' : ''}`}
        onKeyDown={(e) => e.key === 'Escape' && !inline && open && this.toggle(false)}
      >
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
            <div
              class="g"
              role="log"
              aria-live="polite"
              aria-label={title}
              ref={(e) => {
                this.log = e;
              }}
            >
              <ul>
                {v.t.slice(0, shown).map((e) => (
                  <li class={e.f}>
                    {R.spec.md && e.f !== 'u' ? R.spec.md(e.x) : e.x}
                    {e.i ? <img src={e.i} alt="" /> : null}
                  </li>
                ))}
              </ul>
            </div>
            {typing ? (
              <p class="ty" aria-hidden="true">
                <i />
                <i />
                <i />
              </p>
            ) : null}
            {caughtUp && v.ask ? (
              <Ask
                key={v.ask.n + ':' + v.t.filter((e) => e.f === 'u').length}
                R={R}
                ask={v.ask}
                send={(e) => host.send(e)}
              />
            ) : null}
          </section>
        ) : null}
        {inline || open ? null : (
          <button
            class="l"
            type="button"
            aria-label={R.ui('open')}
            aria-expanded="false"
            ref={(e) => {
              this.launcher = e;
            }}
            onClick={() => this.toggle(true)}
          >
            {ICON}
          </button>
        )}
      </div>
    );
  }
}
