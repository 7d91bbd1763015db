import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';
import type { BotService } from '../bots/bot-service.ts';
import type { CompileService } from '../compile/compile-service.ts';
import type { BotsStore } from '../store/types.ts';

export const DEMO_BOT_ID = 'demo';

/**
 * Makes the `demo` bot match `demo/scenario.json`: creates it in the default org, saves the file as its draft,
 * and publishes when the file, the compiler or PUBLIC_URL changed since the published version.
 * Never fails startup: a missing or broken file is logged and the server serves what it has.
 */
export async function syncDemoBot(deps: {
  demoDir: string;
  orgId: string;
  store: BotsStore;
  bots: BotService;
  compiler: CompileService;
  log: Logger;
}): Promise<void> {
  const { log } = deps;
  const file = join(deps.demoDir, 'scenario.json');
  let scenario: Record<string, unknown>;
  try {
    scenario = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing) log.info({ file }, 'no demo scenario; the demo bot is not published');
    else log.warn({ file, err }, 'demo scenario is unreadable; the demo bot is left as it was');
    return;
  }

  const actor: Actor = { orgId: deps.orgId, role: 'owner', via: 'admin-token' };
  const name = typeof scenario.name === 'string' && scenario.name ? scenario.name : 'Demo';
  let bot = await deps.store.getBot(deps.orgId, DEMO_BOT_ID);
  if (!bot) bot = await deps.bots.create(actor, { id: DEMO_BOT_ID, name, scenario });
  else if (JSON.stringify(bot.draft.scenario) !== JSON.stringify(scenario))
    bot = await deps.bots.saveDraft(actor, DEMO_BOT_ID, scenario);

  const key = deps.compiler.keyFor(DEMO_BOT_ID, scenario);
  const latest = (await deps.store.listVersions(deps.orgId, DEMO_BOT_ID))[0];
  if (latest?.compileKey === key && bot.published?.version === latest.version) {
    log.info({ version: latest.version }, 'demo bot is up to date');
    return;
  }
  try {
    const version = await deps.bots.publish(actor, DEMO_BOT_ID);
    log.info({ version: version.version, hash: version.hash }, 'demo bot published');
  } catch (err) {
    const diagnostics = (err as { extra?: { diagnostics?: unknown } }).extra?.diagnostics;
    log.error(
      { err: diagnostics ? undefined : err, diagnostics },
      'demo scenario does not compile; the demo bot is left as it was',
    );
  }
}
