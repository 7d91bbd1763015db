/** The console's styles, adopted as a constructable stylesheet: the page CSP allows no inline styles. */
export const CSS = `
:root { color-scheme: light; --ink: #1f2430; --muted: #5b6272; --line: #e3e6ec; --bg: #f6f7f9; --card: #fff;
  --accent: #4338ca; --accent-ink: #fff; --ok: #166534; --warn: #9a3412; --focus: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
button, input, select, textarea { font: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.top { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: var(--card); border-bottom: 1px solid var(--line); }
.top h1 { font-size: 17px; margin: 0 auto 0 0; }
.tabs { display: flex; gap: 4px; }
.tabs button { border: 0; background: none; padding: 8px 12px; border-radius: 8px; cursor: pointer; color: var(--muted); }
.tabs button[aria-current="page"] { background: #eef0ff; color: var(--accent); font-weight: 600; }
.availability { display: flex; align-items: center; gap: 8px; }
.status-label { font-size: 13px; font-weight: 600; color: var(--muted); }
.status-options { display: inline-flex; border: 1px solid var(--line); border-radius: 999px; padding: 2px; background: var(--bg); }
.status-option { display: inline-flex; align-items: center; gap: 6px; border: 0; background: none; color: var(--muted); border-radius: 999px; padding: 5px 12px; cursor: pointer; }
.status-option:hover:not([aria-checked="true"]) { color: var(--ink); background: #eceef2; }
.status-option[aria-checked="true"] { cursor: default; font-weight: 600; box-shadow: 0 1px 2px rgb(0 0 0 / .12); }
.status-option.online[aria-checked="true"] { background: #dcfce7; color: var(--ok); }
.status-option.away[aria-checked="true"] { background: #fff; color: var(--ink); }
.status-option:disabled { cursor: default; }
.status-error { color: #9f1239; font-size: 13px; }
.dot { width: 10px; height: 10px; border-radius: 50%; background: #9ca3af; }
.status-option.online .dot { background: #16a34a; }
.status-option:not([aria-checked="true"]) .dot { opacity: .45; }
.btn { border: 1px solid var(--line); background: var(--card); color: var(--ink); border-radius: 8px; padding: 7px 14px; cursor: pointer; }
.btn.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
.btn:disabled { opacity: .55; cursor: default; }
main { display: grid; grid-template-columns: minmax(260px, 340px) 1fr; gap: 16px; padding: 16px 20px; height: calc(100vh - 58px); }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 12px; overflow: auto; min-height: 0; }
.panel h2 { font-size: 15px; margin: 0; padding: 12px 14px; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--card); }
.queue { list-style: none; margin: 0; padding: 6px; }
.queue li { margin: 0 0 4px; }
.queue button { width: 100%; text-align: left; border: 1px solid transparent; background: none; border-radius: 10px; padding: 10px 12px; cursor: pointer; display: grid; gap: 2px; color: var(--ink); }
.queue button:hover { background: var(--bg); }
.queue button[aria-current="true"] { border-color: var(--accent); background: #f5f6ff; }
.queue .meta { display: flex; justify-content: space-between; color: var(--muted); font-size: 13px; }
.queue .wait.long { color: var(--warn); font-weight: 600; }
.queue button.left strong { color: var(--muted); }
.gone { justify-self: start; font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 8px; background: #f1f5f9; color: #475569; border: 1px dashed #94a3b8; }
.left-banner { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin: 10px 14px 0; padding: 8px 12px; border-radius: 8px; background: #f1f5f9; border: 1px dashed #94a3b8; }
.left-banner p { margin: 0; }
.left-banner .btn { flex: none; white-space: nowrap; }
.empty { color: var(--muted); padding: 16px; }
.detail { display: grid; grid-template-columns: 1fr minmax(220px, 300px); gap: 16px; height: 100%; min-height: 0; }
.chat { display: flex; flex-direction: column; min-height: 0; }
.log { flex: 1; overflow: auto; padding: 12px 14px; }
.log ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.msg { max-width: 78%; padding: 8px 12px; border-radius: 12px; background: var(--bg); white-space: pre-wrap; overflow-wrap: anywhere; }
.msg .who { display: block; font-size: 12px; color: var(--muted); }
.msg.visitor { justify-self: start; }
.msg.bot, .msg.system { justify-self: start; background: #f1f5f9; color: var(--muted); }
.msg.manager { justify-self: end; background: #eef0ff; }
.divider { text-align: center; color: var(--muted); font-size: 12px; }
.compose { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--line); }
.compose textarea { flex: 1; resize: vertical; min-height: 42px; max-height: 160px; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
.side { padding: 0 0 12px; }
.side section { padding: 10px 14px; border-bottom: 1px solid var(--line); }
.side h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 0 0 8px; }
.vars { width: 100%; border-collapse: collapse; font-size: 13px; }
.vars th { text-align: left; font-weight: 600; padding: 3px 8px 3px 0; vertical-align: top; }
.vars td { padding: 3px 0; overflow-wrap: anywhere; }
.field { display: grid; gap: 4px; margin-bottom: 10px; }
.field label { font-size: 13px; font-weight: 600; }
.field input, .field select, .field textarea { border: 1px solid var(--line); border-radius: 8px; padding: 6px 8px; }
.varrow { display: grid; grid-template-columns: 1fr 1fr auto; gap: 6px; margin-bottom: 6px; }
.varrow input { min-width: 0; border: 1px solid var(--line); border-radius: 8px; padding: 6px 8px; }
.status { display: inline-block; font-size: 12px; border-radius: 999px; padding: 1px 8px; background: #eef2f7; color: var(--muted); }
.status.resolved { background: #dcfce7; color: var(--ok); }
.status.timeout, .status.unresolved { background: #ffedd5; color: var(--warn); }
.alert { margin: 10px 14px; padding: 8px 12px; border-radius: 8px; background: #fff1f2; color: #9f1239; }
.kpis { width: 100%; border-collapse: collapse; }
.kpis th, .kpis td { text-align: left; padding: 10px 14px; border-bottom: 1px solid var(--line); }
.kpis td.num, .kpis th.num { text-align: right; font-variant-numeric: tabular-nums; }
.full { grid-column: 1 / -1; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; height: auto; } .detail { grid-template-columns: 1fr; } }
`;
