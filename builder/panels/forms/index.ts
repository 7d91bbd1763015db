/**
 * The form of each node type, one module per type as the compiler has one file per node type per
 * phase. The table is typed by the compiler's `NodeType`: a node type without a form is a type error.
 */
import type { NodeType } from '../../../compiler/browser.ts';
import type { Form } from './form-parts.tsx';
import { MessageForm } from './message.tsx';
import { ChoiceForm } from './choice.tsx';
import { InputForm } from './input.tsx';
import { IntentForm } from './intent.tsx';
import { ConditionForm } from './condition.tsx';
import { SetForm } from './set.tsx';
import { HttpForm } from './http.tsx';
import { DelayForm } from './delay.tsx';
import { WaitForm } from './wait.tsx';
import { ParallelForm } from './parallel.tsx';
import { JoinForm } from './join.tsx';
import { SplitForm } from './split.tsx';
import { HandoffForm } from './handoff.tsx';
import { ScriptForm } from './script.tsx';
import { CheckpointForm } from './checkpoint.tsx';
import { RollbackForm } from './rollback.tsx';
import { EndForm } from './end.tsx';

export type { Form, FormProps } from './form-parts.tsx';

/** Every node type's form. */
export const FORMS: Record<NodeType, Form> = {
  message: MessageForm,
  choice: ChoiceForm,
  input: InputForm,
  intent: IntentForm,
  condition: ConditionForm,
  set: SetForm,
  http: HttpForm,
  delay: DelayForm,
  wait: WaitForm,
  parallel: ParallelForm,
  join: JoinForm,
  split: SplitForm,
  handoff: HandoffForm,
  script: ScriptForm,
  checkpoint: CheckpointForm,
  rollback: RollbackForm,
  end: EndForm,
};

/** The form of a node type, or undefined for a type the compiler does not know (an imported typo, say). */
export function formOf(type: string): Form | undefined {
  return Object.hasOwn(FORMS, type) ? FORMS[type as NodeType] : undefined;
}
