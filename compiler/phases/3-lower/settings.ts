import type { ResultsSettings, Scenario } from '../../model/types.ts';
import { parseDuration } from '../../duration.ts';
import type { RuntimeSettings } from '../../contract.ts';

export type { RuntimeSettings } from '../../contract.ts';

/** Lowers `settings` with the defaults of the format page filled in. */
export function lowerSettings(scenario: Scenario): RuntimeSettings {
  const s = scenario.settings ?? {};
  const start = s.startOn ?? { type: 'open' };
  const st: RuntimeSettings['st'] = { type: start.type };
  if (start.type === 'delay') st.after = parseDuration(start.after) ?? 0;
  if (start.type === 'scroll') st.percent = start.percent;
  if (start.type === 'event') st.name = start.name;
  const theme: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.theme ?? {})) if (typeof v === 'string') theme[k] = v;
  return {
    o: s.mode ?? 'bubble',
    ...(s.target ? { g: s.target } : {}),
    st,
    td: s.typingDelay ? (parseDuration(s.typingDelay) ?? 600) : 600,
    lt: s.longTimerThreshold ? (parseDuration(s.longTimerThreshold) ?? 60_000) : 60_000,
    th: theme,
    l: scenario.locale ?? 'en',
    // Only opted-in bots carry the keys: the settings of every other bot stay byte for byte as they were.
    ...(s.results ? lowerResults(s.results) : {}),
  };
}

/** `settings.results` as the runtime reads it; retentionDays is the server's business and is left out. */
function lowerResults(r: ResultsSettings): Pick<RuntimeSettings, 'rs' | 'rk'> {
  return { rs: [...r.collect], ...(r.consent ? { rk: [r.consent.variable, r.consent.accept] } : {}) };
}
