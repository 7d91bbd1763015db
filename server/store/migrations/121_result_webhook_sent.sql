-- When a result's result.completed webhook was answered 2xx. The sender reads it before calling, so a job that
-- pg-boss runs again (its taker died, or it expired while busy) does not call the receiver a second time.
ALTER TABLE results ADD COLUMN webhook_sent_at timestamptz;
