import { createHmac } from 'node:crypto';
import { resultView } from '../results/result-view.ts';
import type { Delivery, StoredResult } from '../store/types.ts';

/** The body a bot's webhook gets when one of its timers fires (docs/visitor-protocol.md, Webhooks). */
export function timerWebhookBody(d: Delivery): string {
  return JSON.stringify({
    type: 'timer.fired',
    botId: d.botId,
    visitorId: d.visitorId,
    timerId: d.ref,
    dueAt: d.dueAt ? d.dueAt.getTime() : null,
    firedAt: d.createdAt.getTime(),
    deliveryId: d.id,
  });
}

/**
 * The body a bot's webhook gets once per result, when a report first says the conversation completed
 * (docs/visitor-protocol.md, Webhooks): the result as the owner's API lists it, read when the call is made.
 */
export function resultWebhookBody(r: StoredResult): string {
  const result = resultView(r);
  return JSON.stringify({ type: 'result.completed', botId: r.botId, result });
}

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`, the `X-Chatlet-Signature` header. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs a signed webhook. Resolves on 2xx; throws on anything else or a network error, and the job
 * queue retries with backoff.
 */
export async function postWebhook(url: string, secret: string, body: string, timeoutMs = 10_000): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Chatlet-Webhook/1',
      'X-Chatlet-Timestamp': String(timestamp),
      'X-Chatlet-Signature': webhookSignature(secret, timestamp, body),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`);
}
