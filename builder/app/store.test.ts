import { describe, expect, it } from 'vitest';
import { check } from '../../compiler/browser.ts';
import type { BotInfo } from '../api.ts';
import { newNode } from '../model/new-node.ts';
import { countProblems } from '../model/problems.ts';
import { BLANK } from '../model/templates.ts';
import type { Doc } from '../model/types.ts';
import { initialState, Store } from './store.ts';

const BOT: BotInfo = { id: 'b_1', name: 'Test', scriptUrl: '/bots/b_1.js', published: null };

/** A store as the builder opens it on a blank bot, with a clock the test moves (undo steps merge by time). */
function blankStore() {
  let now = 0;
  const store = new Store(initialState(BOT, BLANK(), null), () => (now += 5_000));
  const add = (type: string) => {
    const node = newNode(type, new Set(store.get().doc.nodes.map((n) => n.id)));
    store.run({ type: 'addNodes', nodes: [node], positions: { [node.id]: { x: 0, y: 0 } } });
    return node.id;
  };
  const problems = () => countProblems(check(store.get().doc).diagnostics);
  const node = (id: string) => store.get().doc.nodes.find((n) => n.id === id);
  return { store, add, problems, node };
}

describe('editing a bot through the store', () => {
  it('starts the bot at the first node added, and counts an unconnected step as a problem until it is connected', () => {
    const { store, add, problems, node } = blankStore();
    const hello = add('message');
    expect(store.get().doc.start).toBe(hello);
    const bye = add('end');
    expect(problems().warnings).toBeGreaterThan(0); // The end cannot be reached yet.
    store.run({ type: 'connect', id: hello, port: 0, target: bye });
    expect(node(hello)?.next).toBe(bye);
    expect(problems()).toEqual({ errors: 0, warnings: 0 });
  });

  it('deleting a node disconnects what pointed at it, deselects it, and undo brings both back', () => {
    const { store, add, node } = blankStore();
    const hello = add('message');
    const bye = add('end');
    store.run({ type: 'connect', id: hello, port: 0, target: bye });
    store.select([bye]);
    const before = store.get().doc;
    store.run({ type: 'deleteNodes', ids: [bye] });
    expect(node(bye)).toBeUndefined();
    expect(node(hello)?.next).toBe('');
    expect(store.get().selection.size).toBe(0);
    store.undo();
    expect(store.get().doc).toBe(before);
    expect(node(hello)?.next).toBe(bye);
    store.redo();
    expect(node(bye)).toBeUndefined();
  });

  it('undo after undo walks back every step, and a new edit drops what could be redone', () => {
    const { store, add } = blankStore();
    const docs: Doc[] = [store.get().doc];
    for (const type of ['message', 'choice', 'end']) {
      add(type);
      docs.push(store.get().doc);
    }
    for (let i = docs.length - 2; i >= 0; i--) {
      store.undo();
      expect(store.get().doc).toBe(docs[i]);
    }
    store.undo(); // Nothing left to undo: nothing changes.
    expect(store.get().doc).toBe(docs[0]);
    store.redo();
    expect(store.get().doc).toBe(docs[1]);
    add('input');
    expect(store.get().history.future).toEqual([]);
    const after = store.get().doc;
    store.redo();
    expect(store.get().doc).toBe(after);
  });

  it('keeps a renamed node selected under its new name', () => {
    const { store, add, node } = blankStore();
    const hello = add('message');
    store.select([hello]);
    store.run({ type: 'updateNode', id: hello, node: { ...node(hello)!, id: 'greeting' } });
    expect([...store.get().selection]).toEqual(['greeting']);
    expect(store.get().doc.start).toBe('greeting');
  });

  it('counts an error on a choice left without options, and none once it has one again', () => {
    const { store, add, problems, node } = blankStore();
    const ask = add('choice');
    const bye = add('end');
    const options = node(ask)!.options.map((o: Record<string, unknown>) => ({ ...o, next: bye }));
    store.run({ type: 'updateNode', id: ask, node: { ...node(ask)!, options } });
    expect(problems().errors).toBe(0);
    store.run({ type: 'updateNode', id: ask, node: { ...node(ask)!, options: [] } });
    expect(problems().errors).toBeGreaterThan(0);
    store.undo();
    expect(problems().errors).toBe(0);
  });

  it('tells its subscribers about each change with the state before it, and nothing after they leave', () => {
    const { store, add } = blankStore();
    const seen: [number, number][] = [];
    const leave = store.subscribe((s, prev) => seen.push([prev.doc.nodes.length, s.doc.nodes.length]));
    add('message');
    leave();
    add('end');
    expect(seen).toEqual([[0, 1]]);
  });
});
