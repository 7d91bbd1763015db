import { d } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import { parseDuration } from '../../duration.ts';
import type { Settings } from '../../model/types.ts';
import { formatPath } from '../1-parse/issues.ts';

// Theme values become CSS custom properties; these characters could end the declaration or the rule.
const UNSAFE_CSS = /[;{}<>\\\n\r]/;
const THEME_KEY = /^[A-Za-z][\w-]*$/;

/** Checks settings durations, the inline target and theme values. */
export function checkSettings(settings: Settings | undefined, report: (x: Diagnostic) => void): void {
  if (!settings) return;
  const duration = (path: string, value: string | undefined) => {
    if (value !== undefined && parseDuration(value) === null) report(d.duration_invalid({ path }, value));
  };
  duration('settings.typingDelay', settings.typingDelay);
  duration('settings.longTimerThreshold', settings.longTimerThreshold);
  if (settings.startOn?.type === 'delay') duration('settings.startOn.after', settings.startOn.after);
  if (settings.mode === 'inline' && !settings.target) report(d.settings_missing_target());
  for (const [key, value] of Object.entries(settings.theme ?? {})) {
    const path = formatPath('settings.theme', [key]);
    if (!THEME_KEY.test(key)) report(d.settings_unsafe_theme({ path }, key));
    else if (typeof value === 'string' && UNSAFE_CSS.test(value)) report(d.settings_unsafe_theme({ path }, value));
  }
}
