/** Deleting a bot from the bot list, after a question that names the bot and what stops working. */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api, type BotInfo } from '../api.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { reason } from './team-words.ts';

/** The Delete bot button, which asks first in a dialog naming the bot. */
export function DeleteBotButton({ bot, onDeleted }: { bot: BotInfo; onDeleted: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const remove = async () => {
    setBusy(true);
    setError('');
    try {
      await api.deleteBot(bot.id);
      setAsking(false);
      onDeleted();
    } catch (err) {
      setError(`The bot was not deleted: ${reason(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span>
      <button
        type="button"
        class="cl-danger"
        aria-label={`Delete ${bot.name}`}
        onClick={() => {
          setError('');
          setAsking(true);
        }}
      >
        Delete
      </button>
      {asking && (
        <ConfirmDialog
          title={`Delete “${bot.name}”?`}
          confirmLabel="Delete bot"
          busy={busy}
          error={error}
          onConfirm={() => void remove()}
          onCancel={() => setAsking(false)}
        >
          <p>
            Its script stops working on every page that embeds it, and its draft and all its versions are deleted. This
            cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </span>
  );
}
