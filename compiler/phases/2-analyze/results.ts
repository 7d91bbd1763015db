import { d } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import type { ResultsSettings } from '../../model/types.ts';
import { PAGE, PAGE_NAMES } from './page-context.ts';
import { looksLikeSecretName } from './secrets.ts';

const MAX_RETENTION_DAYS = 3650;

/**
 * Checks `settings.results`: every collected name is a variable the scenario has (or a page context
 * name), none looks like a secret (a warning: the author may mean it), the consent variable is one the
 * scenario or the page can set, and retentionDays is a whole number of days in range.
 * `variables` is the analysis' set, which holds `page` too.
 */
export function checkResults(
  results: ResultsSettings | undefined,
  variables: ReadonlySet<string>,
  report: (x: Diagnostic) => void,
): void {
  if (!results) return;
  results.collect.forEach((name, i) => {
    const path = `settings.results.collect[${i}]`;
    if (name === PAGE || name.startsWith(PAGE + '.')) {
      if (!PAGE_NAMES.has(name))
        report(
          d.results_unknown_variable(
            { path },
            name,
            `is not page context; the page fields are ${[...PAGE_NAMES].join(', ')}`,
          ),
        );
      return;
    }
    if (!variables.has(name))
      report(
        d.results_unknown_variable(
          { path },
          name,
          'is not a variable of this scenario; collect names a node sets (a choice, input or intent "var", a set node, an http "save") or that "variables" declares',
        ),
      );
    else if (looksLikeSecretName(name)) report(d.results_secret_like({ path }, name));
  });
  const consent = results.consent;
  if (consent && (consent.variable === PAGE || !variables.has(consent.variable)))
    report(
      d.results_unknown_variable(
        { path: 'settings.results.consent.variable' },
        consent.variable,
        'is not a variable this scenario can set; name the "var" of the choice that asks for consent, or declare it in "variables" when the page calls Chatlet.consent()',
      ),
    );
  const days = results.retentionDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS))
    report(d.results_bad_retention(days));
}
