/**
 * The one place that talks to Drawflow. The canvas uses Drawflow for what it does well (panning,
 * zooming, dragging nodes, drawing a new connection with the mouse) and takes its editing away:
 * every hook that would change the drawing by itself is replaced by one that reports an intent.
 * Drawflow also keeps its own record of nodes and connections (`Home.data`), which it reads while
 * dragging; the functions here keep that record in step with what the canvas draws.
 */
import Drawflow from 'drawflow';
import { nodeClass } from '../../compiler/browser.ts';
import type { NodeDoc, Position } from '../model/types.ts';
import type { DrawflowEditor } from './drawflow.d.ts';
import { dfOf } from './drawn.ts';

/** A connection Drawflow drew when the author dragged from an output to an input. */
export interface DrawnConnection {
  output_id: string;
  input_id: string;
  output_class: string;
  input_class: string;
}

/** What Drawflow tells the canvas, in place of editing by itself. */
export interface DrawflowHooks {
  /** Delete was pressed on the node `df` (or its × clicked). */
  removeNode(df: number): void;
  /** Delete was pressed on the selected connection: its `g.connection` element. */
  removeConnection(svg: Element | null | undefined): void;
  /** A node is being dragged: its edges follow. */
  nodeDragged(df: number): void;
  /** The author drew a connection with the mouse. */
  connectionDrawn(c: DrawnConnection): void;
  /** The pointer moved (a drag step, maybe). */
  pointerMoved(): void;
  /** A node drag ended. */
  nodeMoved(): void;
}

/** Starts a Drawflow editor in `container` whose edits come back as `hooks`. */
export function createEditor(container: HTMLElement, hooks: DrawflowHooks): DrawflowEditor {
  const editor = new Drawflow(container);
  editor.reroute = false;
  editor.zoom_min = 0.2;
  editor.zoom_max = 2;
  // Keys are the builder's (undo, delete of a multi-selection…); Drawflow's own would edit behind our back.
  editor.key = () => undefined;
  editor.removeNodeId = (domId: string) => hooks.removeNode(dfOf(domId));
  editor.removeConnection = () => {
    const svg = editor.connection_selected?.parentElement;
    editor.connection_selected = null;
    hooks.removeConnection(svg);
  };
  // Drawflow calls this on every drag step; its version queries the whole canvas and measures
  // each port, which costs a layout per edge. Ours draws the node's edges from positions.
  editor.updateConnectionNodes = (domId: string) => hooks.nodeDragged(dfOf(domId));
  editor.start();
  editor.on('connectionCreated', (c: DrawnConnection) => hooks.connectionDrawn(c));
  editor.on('nodeMoved', () => hooks.nodeMoved());
  editor.on('mouseMove', () => hooks.pointerMoved());
  return editor;
}

/** Drawflow's record of the nodes, by number. */
export const homeData = (editor: DrawflowEditor): Record<string, any> => editor.drawflow.drawflow.Home.data;

/** Records a new node in Drawflow's data (no outputs yet: `setOutputCount` adds them). */
export function recordNode(editor: DrawflowEditor, df: number, node: NodeDoc, pos: Position): void {
  homeData(editor)[df] = {
    id: df,
    name: node.type,
    data: {},
    class: nodeClass(node.type),
    html: '',
    typenode: false,
    inputs: { input_1: { connections: [] } },
    outputs: {},
    pos_x: pos.x,
    pos_y: pos.y,
  };
}

/** Drawflow's record of a node whose type changed. */
export function recordType(editor: DrawflowEditor, df: number, type: string): void {
  homeData(editor)[df].name = type;
}

/** Drawflow's record of a node's position (it reads it while dragging). */
export function recordPosition(editor: DrawflowEditor, df: number, pos: Position): void {
  const data = homeData(editor)[df];
  data.pos_x = pos.x;
  data.pos_y = pos.y;
}

/** Where Drawflow has a node: during a drag it is ahead of the document. */
export function positionOf(editor: DrawflowEditor, df: number): Position | undefined {
  const data = homeData(editor)[df];
  return data ? { x: data.pos_x, y: data.pos_y } : undefined;
}

/** Adds or drops the output records of a node so it has `count` (1-based names, as Drawflow has them). */
export function recordOutputCount(editor: DrawflowEditor, df: number, from: number, count: number): void {
  const outputs = homeData(editor)[df].outputs;
  for (let n = from; n > count; n--) delete outputs[`output_${n}`];
  for (let n = from + 1; n <= count; n++) outputs[`output_${n}`] = { connections: [] };
}

/** Forgets a node in Drawflow's data, and as its selected node. */
export function forgetNode(editor: DrawflowEditor, df: number, el: HTMLElement): void {
  delete homeData(editor)[df];
  if (editor.node_selected === el) editor.node_selected = null;
}
