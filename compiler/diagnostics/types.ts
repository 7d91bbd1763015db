/** One finding about a scenario. Tests and tools match on `code`, never on `message`. */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The node the finding is about, when there is one. */
  nodeId?: string;
  /** JSON path inside the scenario document, e.g. `nodes[3].options[0].next`. */
  path?: string;
  /** 1-based column inside an expression or text field, for expression diagnostics. */
  column?: number;
}
