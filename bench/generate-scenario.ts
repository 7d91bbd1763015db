/**
 * Builds a valid scenario of exactly `size` nodes with the mix a long real bot has: messages,
 * questions, branches, assignments, now and then a short delay or a background HTTP call.
 * Every node is reachable and every path ends, so the compiler does its full work on all of it.
 */
export function generateScenario(size: number): Record<string, unknown> {
  const nodes: Record<string, unknown>[] = [];
  const SEGMENT = 8; // the most nodes one segment below adds
  let segment = 0;
  // Segments chain forward: each one's choice leads to the next segment or to the goodbye.
  while (nodes.length + SEGMENT + 2 <= size) {
    const s = `s${segment}_`;
    const next = `s${segment + 1}_say`;
    nodes.push(
      {
        id: `${s}say`,
        type: 'message',
        text: `Step ${segment + 1}. Thanks for sticking with me, {{name}}.`,
        next: `${s}ask`,
      },
      {
        id: `${s}ask`,
        type: 'input',
        prompt: 'Tell me a little about what you need.',
        var: 'answer',
        input: 'text',
        next: `${s}check`,
      },
      {
        id: `${s}check`,
        type: 'condition',
        branches: [{ when: 'len(answer) > 12', next: `${s}score` }],
        else: `${s}hint`,
      },
      { id: `${s}hint`, type: 'message', text: 'Got it. A few more words help me route you.', next: `${s}score` },
      { id: `${s}score`, type: 'set', assign: { score: 'score + 1', last: 'lower(trim(answer))' }, next: `${s}extra` },
    );
    // Every third segment pauses briefly; every fifth one also posts an event in the background.
    const extras: Record<string, unknown>[] = [];
    if (segment % 3 === 2) extras.push({ id: `${s}pause`, type: 'delay', duration: 'PT2S', text: 'One moment…' });
    if (segment % 5 === 4) {
      extras.push({
        id: `${s}track`,
        type: 'http',
        method: 'POST',
        url: 'https://api.acme.example/events',
        body: { step: `${segment}`, answer: '{{answer}}' },
        background: true,
      });
    }
    extras.forEach((n, i) => nodes.push({ ...n, next: extras[i + 1]?.id ?? `${s}pick` }));
    // Point the set node at the first extra, or straight at the choice.
    nodes[nodes.length - 1 - extras.length].next = extras[0]?.id ?? `${s}pick`;
    nodes.push({
      id: `${s}pick`,
      type: 'choice',
      prompt: 'Where to next?',
      var: 'topic',
      options: [
        { label: 'Pricing', value: 'pricing', next },
        { label: 'Features', value: 'features', next },
        { label: 'Later', value: 'later', next: 'bye' },
      ],
    });
    segment++;
  }
  // Pad with messages so the count is exact, then finish.
  let pad = 0;
  const padCount = size - nodes.length - 1;
  for (; pad < padCount; pad++) {
    const id = pad === 0 ? `s${segment}_say` : `pad${pad}`;
    nodes.push({
      id,
      type: 'message',
      text: `Almost done ({{score}} answers so far).`,
      next: pad + 1 < padCount ? `pad${pad + 1}` : 'bye',
    });
  }
  if (padCount <= 0) retarget(nodes, `s${segment}_say`, 'bye');
  nodes.push({ id: 'bye', type: 'end', text: 'Thanks, {{name}}! We will be in touch.' });

  return {
    format: 'chatlet.scenario/1',
    name: `Generated ${size}-node bot`,
    locale: 'en',
    settings: { typingDelay: 'PT0S' },
    variables: { name: 'friend', answer: '', last: '', topic: '', score: 0 },
    start: nodes[0].id,
    nodes,
  };
}

/** Points every choice option that names `from` at `to`. */
function retarget(nodes: Record<string, unknown>[], from: string, to: string): void {
  for (const node of nodes) {
    for (const option of (node.options as { next: string }[] | undefined) ?? []) {
      if (option.next === from) option.next = to;
    }
  }
}
