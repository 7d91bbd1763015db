/**
 * One tab among the open tabs of one bot, exchanging messages `M`: a BroadcastChannel that knows
 * whether this tab leads. Exactly one tab, the leader, runs the conversation; the others show what it
 * saves and send it the visitor's actions (host.ts says what the messages are).
 */
export interface Tabs<M> {
  /** whether this tab runs the conversation; becomes true when the leading tab closes */
  leads: boolean;
  /** tells the other tabs */
  postMessage(m: M): void;
  /** hears another tab (the host sets it) */
  onmessage?: ((e: MessageEvent<M>) => void) | null;
}

/**
 * Joins the tabs of bot `id`: the tab that gets the Web Lock leads, and the lock passes to a waiting
 * tab when the leader closes, which then calls `lead`. Without Web Locks (old browsers, plain-http
 * pages), or where a sandboxed frame or an opaque origin refuses either API, this tab runs on its
 * own and tells no one, as every tab did before tabs were coordinated.
 */
export async function joinTabs<M>(id: string, lead: () => void): Promise<Tabs<M>> {
  const name = 'chatlet:' + id;
  const locks = navigator.locks;
  // The lock is held until the tab closes.
  const hold = () => new Promise<void>(() => undefined);
  let tabs: Tabs<M> = { leads: true, postMessage: () => undefined };
  try {
    const ch = locks && (new BroadcastChannel(name) as BroadcastChannel & Tabs<M>);
    if (ch) {
      ch.leads = await new Promise<boolean>((res, no) =>
        locks.request(name, { ifAvailable: true }, (l) => (res(!!l), l ? hold() : undefined)).catch(no),
      );
      tabs = ch;
      if (!ch.leads) locks.request(name, () => ((ch.leads = true), lead(), hold()));
    }
  } catch {
    // Refused before the channel was handed out: this tab runs on its own.
  }
  return tabs;
}
