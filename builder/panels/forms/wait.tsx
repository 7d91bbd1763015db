import { h, Fragment } from 'preact';
import { Rows, TextInput } from '../fields.tsx';
import { duration, type FormProps, list, replaceAt } from './form-parts.tsx';

/** A wait node: the page events it waits for, and a timeout. */
export function WaitForm(p: FormProps): h.JSX.Element {
  const events = list<Record<string, unknown>>(p.node.events);
  return (
    <>
      <Rows
        label="Page events"
        items={events}
        addLabel="Add event"
        onAdd={() => p.set('events', [...events, { event: `event-${events.length + 1}`, next: '' }])}
        onRemove={(i) =>
          p.set(
            'events',
            events.filter((_, j) => j !== i),
          )
        }
        render={(ev, i) => (
          <TextInput
            label={`Event ${i + 1} name`}
            value={String(ev.event ?? '')}
            problems={p.at(`events[${i}].event`)}
            onInput={(v) => p.set('events', replaceAt(events, i, { ...ev, event: v }))}
          />
        )}
      />
      {duration('Timeout', 'timeout', p)}
    </>
  );
}
