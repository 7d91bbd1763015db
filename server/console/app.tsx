import { h, Fragment } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AccountLinks } from './account-links.tsx';
import { api, type HandoffDetail, type QueueEntry } from './api.ts';
import { HandoffView } from './handoff-view.tsx';
import { KpiView } from './kpi-view.tsx';
import { QueueList } from './queue-list.tsx';
import { StatusControl } from './status-control.tsx';
import { TICK_MS } from './waiting-time.ts';

type Tab = 'waiting' | 'active' | 'closed' | 'kpis';
const TABS: [Tab, string][] = [
  ['waiting', 'Queue'],
  ['active', 'In progress'],
  ['closed', 'Closed'],
  ['kpis', 'KPIs'],
];

interface Lists {
  waiting: QueueEntry[];
  active: QueueEntry[];
  closed: QueueEntry[];
}

/**
 * The console: tabs for the queue, handoffs in progress, closed ones and KPIs; the selected handoff beside.
 * One manager event stream keeps everything live: each event refreshes the lists (coalesced) and, when it
 * concerns the open handoff, its chat.
 */
export function App() {
  const [tab, setTab] = useState<Tab>('waiting');
  const [lists, setLists] = useState<Lists>({ waiting: [], active: [], closed: [] });
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<HandoffDetail | null>(null);
  const [kpiVersion, setKpiVersion] = useState(0);
  // The one clock every waiting time on screen is read against: ticks, and moves on with each fresh read.
  const [now, setNow] = useState(Date.now());
  const [live, setLive] = useState(false);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selected;

  const loadLists = useCallback(async () => {
    const [w, a, r, t] = await Promise.all(
      ['waiting', 'active', 'resolved', 'timeout'].map((s) => api<{ handoffs: QueueEntry[] }>(`/handoffs?status=${s}`)),
    );
    const closed = [...r.handoffs, ...t.handoffs].sort((x, y) =>
      (y.resolvedAt ?? '').localeCompare(x.resolvedAt ?? ''),
    );
    setLists({ waiting: w.handoffs, active: a.handoffs, closed });
    setNow(Date.now());
  }, []);

  const loadDetail = useCallback(async (id: string) => {
    const d = await api<HandoffDetail>(`/handoffs/${encodeURIComponent(id)}`);
    if (selectedRef.current !== id) return;
    setDetail(d);
    setNow(Date.now());
  }, []);

  // Live: the stream announces itself with `ready`, then lists are (re)read so nothing falls between the two.
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(pending);
      pending = setTimeout(() => void loadLists().catch(() => undefined), 120);
    };
    const es = new EventSource('/api/v1/handoffs/events');
    es.addEventListener('ready', () => {
      setLive(true);
      refresh();
    });
    es.addEventListener('handoff', (m) => {
      const e = JSON.parse((m as MessageEvent).data);
      if (e.type !== 'message') refresh();
      if (e.type === 'resolved' || e.type === 'rated') setKpiVersion((v) => v + 1);
      if (e.handoffId === selectedRef.current) void loadDetail(e.handoffId).catch(() => undefined);
    });
    es.onerror = () => setLive(false);
    return () => {
      clearTimeout(pending);
      es.close();
    };
  }, []);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    setDetail(null);
    if (selected) void loadDetail(selected).catch(() => undefined);
  }, [selected]);

  const list = tab === 'kpis' ? [] : lists[tab];

  return (
    <Fragment>
      <header class="top">
        <h1>Chatlet · Manager console</h1>
        <nav class="tabs" aria-label="Views">
          {TABS.map(([id, label]) => (
            <button type="button" aria-current={tab === id ? 'page' : undefined} onClick={() => setTab(id)}>
              {label}
              {id === 'waiting' && lists.waiting.length > 0 ? ` (${lists.waiting.length})` : ''}
            </button>
          ))}
        </nav>
        <StatusControl />
        <span class="sr-only" aria-live="polite">
          {live ? '' : 'Reconnecting to live updates'}
        </span>
        <AccountLinks />
      </header>
      <main>
        {tab === 'kpis' ? (
          <section class="panel full" aria-labelledby="kpi-title">
            <KpiView version={kpiVersion} />
          </section>
        ) : (
          <Fragment>
            <section class="panel" aria-labelledby="list-title">
              <h2 id="list-title">{TABS.find(([id]) => id === tab)![1]}</h2>
              <QueueList entries={list} selected={selected} onSelect={setSelected} now={now} />
            </section>
            <section class="panel" aria-label="Selected handoff">
              {detail ? (
                <HandoffView
                  detail={detail}
                  now={now}
                  onChanged={() => Promise.all([loadDetail(detail.id), loadLists()]).then(() => undefined)}
                />
              ) : (
                <p class="empty">{selected ? 'Loading…' : 'Choose a handoff to see the conversation.'}</p>
              )}
            </section>
          </Fragment>
        )}
      </main>
    </Fragment>
  );
}
