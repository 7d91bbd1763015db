-- Timer deliveries whose webhook (if the bot has one) is not queued yet. Written in the same statement that
-- delivers a burst of timers, so a crash can lose no webhook; a dispatcher turns rows into webhook jobs.
CREATE TABLE webhook_outbox (
  delivery_id  bigint PRIMARY KEY,
  bot_id       text NOT NULL
);
CREATE INDEX webhook_outbox_bot_idx ON webhook_outbox (bot_id, delivery_id);
