import type { ExprError } from '../expr/types.ts';
import type { Diagnostic } from './types.ts';

/**
 * The one catalogue of diagnostic codes. Call sites read `d.node_dangling_next(at, target)`;
 * codes are stable (tools and tests match on them), messages are for people and may improve.
 * Every code is documented in docs/scenario-format.md and has a sample in compiler/samples/diagnostics/.
 */

/** Every code with its severity. Warnings never block a publish; errors do. */
export const SEVERITY = {
  'scenario.not_object': 'error',
  'scenario.format': 'error',
  'schema.invalid': 'error',
  'schema.unknown_field': 'warning',
  'start.missing': 'error',
  'node.unknown_type': 'error',
  'node.duplicate_id': 'error',
  'node.dangling_next': 'error',
  'node.unreachable': 'warning',
  'variable.bad_name': 'error',
  'variable.reserved': 'error',
  'choice.no_options': 'error',
  'input.bad_pattern': 'error',
  'input.bad_range': 'error',
  'split.bad_weights': 'error',
  'delay.no_duration': 'error',
  'delay.duration_and_until': 'error',
  'wait.never_resumes': 'error',
  'wait.missing_on_timeout': 'error',
  'parallel.no_branches': 'error',
  'parallel.branch_never_joins': 'error',
  'parallel.shared_node': 'error',
  'parallel.entered_from_outside': 'error',
  'parallel.join_mismatch': 'error',
  'duration.invalid': 'error',
  'expr.syntax': 'error',
  'expr.unknown_variable': 'error',
  'expr.unknown_function': 'error',
  'expr.arity': 'error',
  'expr.bad_regex': 'error',
  'expr.forbidden_member': 'error',
  'text.invalid': 'error',
  'url.unsafe': 'error',
  'http.literal_secret': 'error',
  'http.bad_save_path': 'error',
  'script.forbidden_import': 'error',
  'script.forbidden_eval': 'error',
  'script.syntax': 'error',
  'graph.busy_loop': 'error',
  'settings.missing_target': 'error',
  'settings.unsafe_theme': 'error',
  'results.unknown_variable': 'error',
  'results.secret_like': 'warning',
  'results.bad_retention': 'error',
  'results.consent_not_offered': 'warning',
  'bpmn.invalid_xml': 'error',
  'bpmn.no_process': 'error',
  'bpmn.truncated': 'warning',
  'bpmn.unsupported_element': 'warning',
  'bpmn.unsupported_condition': 'warning',
  'bpmn.no_default_flow': 'warning',
  'bpmn.service_task_placeholder': 'warning',
  'emit.failed': 'error',
  'internal.error': 'error',
} as const satisfies Record<string, Diagnostic['severity']>;

export type DiagnosticCode = keyof typeof SEVERITY;

/** The list of all diagnostic codes, in catalogue order. */
export const DIAGNOSTIC_CODES = Object.keys(SEVERITY) as DiagnosticCode[];

/** Where a finding is: the node, the JSON path of the field, and a column inside an expression or text. */
export interface At {
  nodeId?: string;
  path?: string;
  column?: number;
}

function make(code: DiagnosticCode, message: string, at: At = {}): Diagnostic {
  const out: Diagnostic = { code, severity: SEVERITY[code], message };
  if (at.nodeId !== undefined) out.nodeId = at.nodeId;
  if (at.path !== undefined) out.path = at.path;
  if (at.column !== undefined) out.column = at.column;
  return out;
}

/** `nodes[3].options[0].next` → `options[0].next`: the field as the author sees it inside the node. */
function field(path: string | undefined): string {
  if (!path) return '';
  return path.replace(/^nodes\[\d+\]\.?/, '');
}

/** The opening words of a message: `Node "ask", field "options[0].next"` or `Field "settings.mode"`. */
function where(at: At): string {
  const f = field(at.path);
  const col = at.column !== undefined ? ` (column ${at.column})` : '';
  if (at.nodeId !== undefined) return f ? `Node "${at.nodeId}", field "${f}"${col}` : `Node "${at.nodeId}"`;
  return at.path ? `Field "${at.path}"${col}` : 'The scenario';
}

/** A value quoted for a message: JSON, cut short, and never throwing (author data can be anything). */
function q(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // BigInt or a cycle: fall through to String().
  }
  text ??= String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export const d = {
  scenario_not_object: (detail: string) =>
    make('scenario.not_object', `The scenario must be a JSON object: ${detail}.`),
  scenario_format: (found: unknown) =>
    make(
      'scenario.format',
      `The scenario must have "format": "chatlet.scenario/1"${found === undefined ? '' : `, found ${q(found)}`}.`,
      { path: 'format' },
    ),
  schema_invalid: (at: At, problem: string) => make('schema.invalid', `${where(at)} ${problem}.`, at),
  schema_unknown_field: (at: At, key: string) =>
    make('schema.unknown_field', `${where(at)}: unknown field ${q(key)} is ignored.`, at),

  start_missing: (start: string) =>
    make('start.missing', `"start" names ${q(start)}, but no node has that id.`, { path: 'start' }),
  node_unknown_type: (at: At, type: string) =>
    make('node.unknown_type', `${where(at)} has unknown type ${q(type)}; the node is ignored.`, at),
  node_duplicate_id: (at: At, firstPath: string) =>
    make('node.duplicate_id', `${where(at)}: the id is already used by ${firstPath}; ids must be unique.`, at),
  node_dangling_next: (at: At, target: string) =>
    make(
      'node.dangling_next',
      target === ''
        ? `${where(at)} is not connected to a node.`
        : `${where(at)} names ${q(target)}, but no node has that id.`,
      at,
    ),
  node_unreachable: (at: At) => make('node.unreachable', `${where(at)} can never be reached from "start".`, at),
  variable_bad_name: (at: At, name: string) =>
    make(
      'variable.bad_name',
      `${where(at)}: ${q(name)} is not a usable variable name (letters, digits and _, not starting with a digit; not __proto__, constructor or prototype).`,
      at,
    ),
  variable_reserved: (at: At, name: string) =>
    make(
      'variable.reserved',
      `${where(at)}: ${q(name)} is filled by Chatlet when a conversation starts (the page's address, referrer and utm_ parameters) and can only be read; store into another name.`,
      at,
    ),

  choice_no_options: (at: At) => make('choice.no_options', `${where(at)} has no options to choose from.`, at),
  input_bad_pattern: (at: At, problem: string) => make('input.bad_pattern', `${where(at)}: ${problem}.`, at),
  input_bad_range: (at: At, min: number, max: number) =>
    make('input.bad_range', `${where(at)}: min (${min}) is greater than max (${max}), so no answer is valid.`, at),
  split_bad_weights: (at: At, problem: string) => make('split.bad_weights', `${where(at)}: ${problem}.`, at),
  delay_no_duration: (at: At) => make('delay.no_duration', `${where(at)} needs either "duration" or "until".`, at),
  delay_duration_and_until: (at: At) =>
    make('delay.duration_and_until', `${where(at)} has both "duration" and "until"; keep one.`, at),
  wait_never_resumes: (at: At) =>
    make('wait.never_resumes', `${where(at)} has no events and no timeout, so it would wait forever.`, at),
  wait_missing_on_timeout: (at: At) =>
    make(
      'wait.missing_on_timeout',
      `${where(at)} is set, but there is no "onTimeout" to continue at when it runs out.`,
      at,
    ),

  parallel_no_branches: (at: At) => make('parallel.no_branches', `${where(at)} has no branches.`, at),
  parallel_branch_never_joins: (at: At, branch: string, culprit: string, join: string) =>
    make(
      'parallel.branch_never_joins',
      `${where(at)}: branch ${q(branch)} can stop at node ${q(culprit)} without reaching join ${q(join)}.`,
      at,
    ),
  parallel_shared_node: (at: At, node: string, a: string, b: string) =>
    make(
      'parallel.shared_node',
      `${where(at)}: node ${q(node)} belongs to both branch ${q(a)} and branch ${q(b)}; branches must not share nodes.`,
      at,
    ),
  parallel_entered_from_outside: (at: At, target: string, parallel: string, branch: string) =>
    make(
      'parallel.entered_from_outside',
      `${where(at)} jumps to ${q(target)}, which is inside branch ${q(branch)} of parallel ${q(parallel)}; a branch can only be entered from its parallel node.`,
      at,
    ),
  parallel_join_mismatch: (at: At, problem: string) => make('parallel.join_mismatch', `${where(at)}: ${problem}.`, at),

  duration_invalid: (at: At, value: string) =>
    make(
      'duration.invalid',
      `${where(at)}: ${q(value)} is not an ISO 8601 duration such as "PT5S", "PT10M" or "P3D".`,
      at,
    ),
  /** An expression problem found by compiler/expr; the code comes from the expression checker. */
  expr_error: (at: At, err: ExprError) => make(err.code as DiagnosticCode, `${where(at)}: ${err.message}.`, at),
  text_invalid: (at: At, problem: string) => make('text.invalid', `${where(at)}: ${problem}.`, at),
  url_unsafe: (at: At, url: string) =>
    make('url.unsafe', `${where(at)}: ${q(url)} must be an http(s) URL or a path on this site.`, at),
  http_literal_secret: (at: At, what: string) =>
    make(
      'http.literal_secret',
      `${where(at)}: ${what} looks like a secret written into the scenario; everything in a bot bundle is public. Move it to a server-side proxy, or write it as {"value": ..., "public": true} if it really is public.`,
      at,
    ),
  http_bad_save_path: (at: At, path: string) =>
    make(
      'http.bad_save_path',
      `${where(at)}: ${q(path)} is not a response path (keys separated by dots, [n] for list items, e.g. "data.items[0].id").`,
      at,
    ),
  script_forbidden_import: (at: At, word: string) =>
    make('script.forbidden_import', `${where(at)}: scripts cannot load code ("${word}" is not allowed).`, at),
  script_forbidden_eval: (at: At, word: string) =>
    make(
      'script.forbidden_eval',
      `${where(at)}: scripts cannot evaluate code at run time ("${word}" is not allowed).`,
      at,
    ),
  script_syntax: (at: At, problem: string) =>
    make('script.syntax', `${where(at)}: the code does not parse: ${problem}.`, at),
  graph_busy_loop: (at: At, loop: string[]) =>
    make(
      'graph.busy_loop',
      `${where(at)} is in a loop (with ${loop
        .slice(0, 8)
        .map((id) => q(id))
        .join(
          ', ',
        )}${loop.length > 8 ? ` and ${loop.length - 8} more` : ''}) in which nothing waits for the visitor or the clock, so it would spin forever.`,
      at,
    ),
  settings_missing_target: () =>
    make(
      'settings.missing_target',
      `"settings.mode" is "inline", so "settings.target" must name the element that holds the chat.`,
      {
        path: 'settings.target',
      },
    ),
  settings_unsafe_theme: (at: At, value: string) =>
    make(
      'settings.unsafe_theme',
      `${where(at)}: ${q(value)} cannot be used as a theme value (it may not contain ; { } < > \\ or line breaks).`,
      at,
    ),
  results_unknown_variable: (at: At, name: string, hint: string) =>
    make('results.unknown_variable', `${where(at)}: ${q(name)} ${hint}.`, at),
  results_secret_like: (at: At, name: string) =>
    make(
      'results.secret_like',
      `${where(at)}: ${q(name)} looks like a secret or a credential (a password, PIN, card number, token...). Results are stored on the server and shown to your team; collect it only if you really must.`,
      at,
    ),
  results_bad_retention: (value: number) =>
    make(
      'results.bad_retention',
      `Field "settings.results.retentionDays": ${q(value)} must be a whole number of days from 1 to 3650 (the default is 90).`,
      { path: 'settings.results.retentionDays' },
    ),
  results_consent_not_offered: (variable: string, accept: string) =>
    make(
      'results.consent_not_offered',
      `Field "settings.results.consent.accept": no choice that stores into ${q(variable)} has an option whose value is ${q(accept)}, so a visitor can agree only if the page calls Chatlet.consent(true); give the "yes" option "value": ${q(accept)}.`,
      { path: 'settings.results.consent.accept' },
    ),
  bpmn_invalid_xml: (problem: string) =>
    make('bpmn.invalid_xml', `The file is not a BPMN 2.0 document that can be read: ${problem}.`),
  bpmn_truncated: (problem: string) =>
    make(
      'bpmn.truncated',
      `The file ends early (${problem}); its open elements were closed and what it contains was imported, but anything after the cut (often diagram positions) is missing.`,
    ),
  bpmn_no_process: (problem: string) => make('bpmn.no_process', `Nothing to import: ${problem}.`),
  /** `element` names the BPMN element, e.g. `bpmn:SubProcess "Check stock" (id "Sub_1")`. */
  bpmn_unsupported_element: (at: At, element: string, what: string) =>
    make('bpmn.unsupported_element', `${at.nodeId !== undefined ? `${where(at)}: ` : ''}${element} ${what}.`, at),
  bpmn_unsupported_condition: (at: At, condition: string) =>
    make(
      'bpmn.unsupported_condition',
      `${where(at)}: the FEEL condition ${q(condition)} is not one of the simple kinds (comparisons joined by and/or); it is kept as written, so rewrite it as a Chatlet expression.`,
      at,
    ),
  bpmn_no_default_flow: (at: At, fallback: string) =>
    make(
      'bpmn.no_default_flow',
      `${where(at)}: the exclusive gateway has no default flow, so "else" goes to ${q(fallback)} (the last branch) when no condition holds.`,
      at,
    ),
  bpmn_service_task_placeholder: (at: At, task: string) =>
    make(
      'bpmn.service_task_placeholder',
      `${where(at)}: service task ${q(task)} has no "url" task header, so it became an http node with a placeholder URL; set the request it should make.`,
      at,
    ),
  /** The bundler failed on lowered code: a Chatlet bug, reported as data rather than thrown. */
  emit_failed: (problem: string) => make('emit.failed', `The bundle could not be built: ${problem}.`),
  /** An unexpected exception inside the compiler, reported as data rather than thrown. */
  internal_error: (problem: string) =>
    make('internal.error', `The compiler failed on this scenario; please report it. (${problem})`),
};
