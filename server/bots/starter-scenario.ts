/** The draft a bot starts with when created without a scenario: the smallest one that publishes. */
export function starterScenario(name: string): Record<string, unknown> {
  return {
    format: 'chatlet.scenario/1',
    name,
    start: 'hello',
    nodes: [
      { id: 'hello', type: 'message', text: 'Hello! How can I help?', next: 'bye' },
      { id: 'bye', type: 'end' },
    ],
  };
}
