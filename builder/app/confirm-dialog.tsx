/** A modal question before something that cannot be undone: the danger is named, and Cancel has the focus. */
import { h, type ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** What a confirmation asks, and what its buttons do. */
export interface ConfirmProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** While the action runs: the buttons wait, and a failure can be shown in `error`. */
  busy?: boolean;
  error?: string;
}

/** A modal question with Cancel focused first, so Enter never confirms by accident. */
export function ConfirmDialog(props: ConfirmProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') props.onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="cl-modal-backdrop">
      <div
        class="cl-modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="cl-confirm-title"
        aria-describedby="cl-confirm-text"
      >
        <h2 id="cl-confirm-title">{props.title}</h2>
        <div id="cl-confirm-text">{props.children}</div>
        {props.error && (
          <p role="alert" class="cl-error">
            {props.error}
          </p>
        )}
        <div class="cl-modal-actions">
          <button type="button" ref={cancel} onClick={props.onCancel} disabled={props.busy}>
            Cancel
          </button>
          <button type="button" class="cl-danger-button" onClick={props.onConfirm} disabled={props.busy}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
