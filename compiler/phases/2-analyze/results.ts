import { d } from '../../diagnostics/catalogue.ts';
import type { Diagnostic } from '../../diagnostics/types.ts';
import type { ChoiceNode, ResultsSettings, Scenario, ScenarioNode } from '../../model/types.ts';
import { assignmentsOf } from './nodes/index.ts';
import { PAGE, PAGE_NAMES } from './page-context.ts';
import { looksLikeSecretName } from './secrets.ts';

const MAX_RETENTION_DAYS = 3650;

/**
 * Checks `settings.results`: every collected name is a variable the scenario has (or a page context
 * name), none looks like a secret (a warning: the author may mean it), the consent variable is one the
 * scenario or the page can set and its choice offers the accepting value, and retentionDays is a whole
 * number of days in range. `variables` is the analysis' set, which holds `page` too.
 */
export function checkResults(
  scenario: Scenario,
  nodes: readonly ScenarioNode[],
  variables: ReadonlySet<string>,
  report: (x: Diagnostic) => void,
): void {
  const results = scenario.settings?.results;
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
  else if (consent && !canAccept(nodes, consent.variable, consent.accept, scenario.locale ?? 'en'))
    report(d.results_consent_not_offered(consent.variable, consent.accept));
  const days = results.retentionDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS))
    report(d.results_bad_retention(days));
}

/**
 * False when the nodes that store into the consent variable are all choices and none can store
 * `accept` (a case slip such as "Yes" for "yes" would lose every result). Other nodes (a set, an
 * input) may store anything, so they are taken on trust; so is a variable that only the page sets.
 */
function canAccept(nodes: readonly ScenarioNode[], variable: string, accept: string, locale: string): boolean {
  const setters = nodes.filter((n) => assignmentsOf(n).some((a) => a.name === variable));
  if (setters.length === 0 || setters.some((n) => n.type !== 'choice')) return true;
  return (setters as ChoiceNode[]).some((n) => !n.multiple && n.options.some((o) => stored(o, locale) === accept));
}

/** What picking an option stores, as the choice's lowering says: its value, else its label. */
function stored(option: ChoiceNode['options'][number], locale: string): unknown {
  if (option.value !== undefined) return option.value;
  return typeof option.label === 'string' ? option.label : (option.label[locale] ?? Object.values(option.label)[0]);
}
