/** The editor screen: palette, canvas, inspector (node, variables, settings, publish), problems and preview. */
import { h } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { NodePanel } from '../panels/node-panel.tsx';
import { Palette } from '../panels/palette.tsx';
import { ProblemsList } from '../panels/problems-list.tsx';
import { PublishPanel } from '../panels/publish-panel.tsx';
import { SettingsPanel } from '../panels/settings-panel.tsx';
import { Toolbar } from '../panels/toolbar.tsx';
import { VariablesPanel } from '../panels/variables-panel.tsx';
import { PreviewPane } from '../preview/preview-pane.tsx';
import { AnalyticsBar } from '../results/analytics-bar.tsx';
import type { Controller } from './controller.ts';
import type { State } from './store.ts';

const TABS: [State['tab'], string][] = [
  ['node', 'Node'],
  ['variables', 'Variables'],
  ['settings', 'Settings'],
  ['publish', 'Publish'],
];

/** The editor page: toolbar, palette, canvas, inspector tabs, Problems and the preview. */
export function App({ ctl }: { ctl: Controller }) {
  const [state, setState] = useState(ctl.store.get());
  const host = useRef<HTMLDivElement>(null);
  // Before the first paint, so the panels and the canvas appear together.
  useLayoutEffect(() => {
    ctl.mount(host.current!);
    return ctl.store.subscribe((s) => setState(s));
  }, []);
  return (
    <div class={`cl-app${state.previewOpen ? ' cl-with-preview' : ''}`}>
      <Toolbar state={state} ctl={ctl} />
      {state.save.status === 'conflict' && (
        <div class="cl-banner" role="alert">
          <span>{state.save.message}</span>
          <button type="button" onClick={() => void ctl.reloadDraft()}>
            Reload their version
          </button>
          <button type="button" onClick={() => void ctl.overwrite()}>
            Keep mine
          </button>
        </div>
      )}
      {state.save.status === 'failed' && (
        <div class="cl-banner" role="alert">
          {state.save.message}{' '}
          <button type="button" onClick={() => void ctl.saveNow()}>
            Try again
          </button>
        </div>
      )}
      <Palette ctl={ctl} />
      <main class="cl-canvas-wrap">
        {state.analyticsOpen && <AnalyticsBar state={state} ctl={ctl} />}
        <div class="cl-canvas" ref={host} aria-label="Canvas" role="application" />
        <ProblemsList state={state} ctl={ctl} />
      </main>
      <aside class="cl-inspector">
        <div role="tablist" aria-label="Inspector">
          {TABS.map(([key, label]) => (
            <button
              type="button"
              role="tab"
              aria-selected={state.tab === key}
              onClick={() => ctl.store.set({ tab: key })}
            >
              {label}
            </button>
          ))}
        </div>
        <div role="tabpanel" class="cl-tabpanel">
          {state.tab === 'node' && <NodePanel state={state} ctl={ctl} />}
          {state.tab === 'variables' && <VariablesPanel state={state} ctl={ctl} />}
          {state.tab === 'settings' && <SettingsPanel state={state} ctl={ctl} />}
          {state.tab === 'publish' && <PublishPanel state={state} ctl={ctl} />}
        </div>
      </aside>
      {state.previewOpen && <PreviewPane state={state} ctl={ctl} />}
    </div>
  );
}
