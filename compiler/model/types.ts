/**
 * The scenario model, `chatlet.scenario/1`, as TypeScript types.
 * The zod schema in `phases/1-parse/` is checked against these types, so the two cannot drift.
 */

export const SCENARIO_FORMAT = 'chatlet.scenario/1';

/** A string, or a map from language code to string. `{{expr}}` interpolates. */
export type Text = string | Record<string, string>;

/** An ISO 8601 duration (`PT5S`), or an expression giving milliseconds or a date. */
export type Duration = string | { expr: string };

/** Source text of an expression in the safe expression language. */
export type Expr = string;

export type NodeId = string;

export type StartOn =
  | { type: 'open' }
  | { type: 'load' }
  | { type: 'delay'; after: string }
  | { type: 'scroll'; percent: number }
  | { type: 'exit' }
  | { type: 'event'; name: string };

export interface Theme {
  accent?: string;
  title?: string;
  [key: string]: string | undefined;
}

export interface Settings {
  mode?: 'bubble' | 'inline' | 'popup';
  /** CSS selector of the element that holds an `inline` chat. */
  target?: string;
  startOn?: StartOn;
  typingDelay?: string;
  longTimerThreshold?: string;
  theme?: Theme;
  allowedOrigins?: string[];
  /** Opt-in reporting of conversations to the owner's Results tab. */
  results?: ResultsSettings;
}

/**
 * What an opted-in bot reports: `collect` names the variables (or page context names such as
 * `page.utm.source`) a report carries, and nothing else is ever sent. `retentionDays` is how long the
 * server keeps a result (1..3650, the server's default is 90). With `consent`, nothing is reported until
 * the variable holds `accept`.
 */
export interface ResultsSettings {
  collect: string[];
  retentionDays?: number;
  consent?: { variable: string; accept: string };
}

interface NodeBase {
  id: NodeId;
  label?: string;
}

export interface MessageNode extends NodeBase {
  type: 'message';
  text: Text;
  image?: string;
  next: NodeId;
}

export interface ChoiceOption {
  label: Text;
  value?: unknown;
  next: NodeId;
}

export interface ChoiceNode extends NodeBase {
  type: 'choice';
  prompt: Text;
  var?: string;
  options: ChoiceOption[];
  multiple?: boolean;
}

export type InputKind = 'text' | 'email' | 'phone' | 'number' | 'date' | 'url' | 'regex';

export interface InputNode extends NodeBase {
  type: 'input';
  prompt: Text;
  var: string;
  input: InputKind;
  pattern?: string;
  min?: number;
  max?: number;
  retryText?: Text;
  next: NodeId;
}

export interface IntentNode extends NodeBase {
  type: 'intent';
  prompt?: Text;
  var?: string;
  intents: { name: string; examples: string[]; next: NodeId }[];
  else: NodeId;
}

export interface ConditionNode extends NodeBase {
  type: 'condition';
  branches: { when: Expr; next: NodeId }[];
  else: NodeId;
}

export interface SetNode extends NodeBase {
  type: 'set';
  assign: Record<string, Expr>;
  next: NodeId;
}

/** JSON whose strings are Text templates. */
export type JsonTemplate = unknown;

/** Request headers. A header that looks like a credential must be written `{value, public: true}` to be accepted. */
export type HttpHeaders = Record<string, string | { value: string; public: true }>;

export interface HttpNode extends NodeBase {
  type: 'http';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: Text;
  headers?: HttpHeaders;
  body?: JsonTemplate;
  timeout?: string;
  retry?: { max?: number; backoff?: string; factor?: number; maxDelay?: string };
  save?: Record<string, string>;
  background?: boolean;
  compensate?: { method: HttpNode['method']; url: Text; headers?: HttpHeaders; body?: JsonTemplate };
  next: NodeId;
  onError?: NodeId;
}

export interface DelayNode extends NodeBase {
  type: 'delay';
  duration?: Duration;
  until?: Expr;
  text?: Text;
  next: NodeId;
}

export interface WaitNode extends NodeBase {
  type: 'wait';
  events: { event: string; next: NodeId }[];
  timeout?: Duration;
  onTimeout?: NodeId;
}

export interface ParallelNode extends NodeBase {
  type: 'parallel';
  branches: NodeId[];
  join: NodeId;
}

export interface JoinNode extends NodeBase {
  type: 'join';
  next: NodeId;
}

export interface SplitNode extends NodeBase {
  type: 'split';
  branches: { weight: number; next: NodeId }[];
}

export interface HandoffNode extends NodeBase {
  type: 'handoff';
  queue?: string;
  text?: Text;
  timeout?: Duration;
  next: NodeId;
  onTimeout?: NodeId;
}

export interface ScriptNode extends NodeBase {
  type: 'script';
  code: string;
  next: NodeId;
  onError?: NodeId;
}

export interface CheckpointNode extends NodeBase {
  type: 'checkpoint';
  next: NodeId;
}

export interface RollbackNode extends NodeBase {
  type: 'rollback';
  next: NodeId;
}

export interface EndNode extends NodeBase {
  type: 'end';
  text?: Text;
  redirect?: string;
}

export type ScenarioNode =
  | MessageNode
  | ChoiceNode
  | InputNode
  | IntentNode
  | ConditionNode
  | SetNode
  | HttpNode
  | DelayNode
  | WaitNode
  | ParallelNode
  | JoinNode
  | SplitNode
  | HandoffNode
  | ScriptNode
  | CheckpointNode
  | RollbackNode
  | EndNode;

export type NodeType = ScenarioNode['type'];

export const NODE_TYPES: readonly NodeType[] = [
  'message',
  'choice',
  'input',
  'intent',
  'condition',
  'set',
  'http',
  'delay',
  'wait',
  'parallel',
  'join',
  'split',
  'handoff',
  'script',
  'checkpoint',
  'rollback',
  'end',
];

export type NodeOf<T extends NodeType> = Extract<ScenarioNode, { type: T }>;

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  name: string;
  locale?: string;
  settings?: Settings;
  variables?: Record<string, unknown>;
  start: NodeId;
  nodes: ScenarioNode[];
  layout?: Record<NodeId, { x: number; y: number }>;
}
