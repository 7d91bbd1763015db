/**
 * The compiler's browser entry: what the builder may use. Everything here runs without Node
 * (no esbuild, no file system): the live check, the diagnostics' types, the Drawflow view of a
 * scenario (scripts' syntax with a parser loaded on demand), the widget's UI strings, settings lowering for the preview, durations, and the page
 * context names a bot may read and collect.
 * Code outside `compiler/` imports this file, `index.ts` (Node) or `contract.ts` (types), never a subfolder.
 */
export { check, type CheckResult } from './check.ts';
export { lazyScriptSyntax, loadScriptSyntax } from './phases/2-analyze/lazy-script-syntax.ts';
export type { ScriptSyntaxCheck } from './phases/2-analyze/script-syntax.ts';
export type { Diagnostic } from './diagnostics/types.ts';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics/catalogue.ts';
export type { Scenario, ScenarioNode, NodeType, NodeOf, Text, Duration, Settings } from './model/types.ts';
export { SCENARIO_FORMAT, NODE_TYPES } from './model/types.ts';
export { parseDuration } from './duration.ts';
export {
  toDrawflow,
  fromDrawflow,
  readGraph,
  nodeClass,
  autoLayout,
  COLUMN_WIDTH,
  ROW_HEIGHT,
  portsOf,
  portTarget,
  withPortTarget,
  labelText,
  isNodeType,
  type Port,
  type PortPath,
  type DrawflowExport,
  type DrawflowNode,
  type ChatletNodeData,
  type ChatletMeta,
  type GraphNode,
} from './phases/1-parse/drawflow/index.ts';
export { uiText, UI_LANGUAGES } from './phases/3-lower/ui-strings.ts';
export { lowerSettings } from './phases/3-lower/settings.ts';
export { PAGE_CONTEXT_NAMES } from './phases/2-analyze/page-context.ts';
export type { RuntimeSettings, UiKey } from './contract.ts';
