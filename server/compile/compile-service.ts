import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Diagnostic } from '../../compiler/index.ts';
import { compileDuration, compiles } from '../metrics/registry.ts';
import type { BotsStore, Bundle } from '../store/types.ts';
import { precompress } from './compress.ts';
import type { CompileFn } from './types.ts';

export interface CompileOutcome {
  key: string;
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Present when `ok`. */
  bundle: Bundle | null;
}

export interface CompileStats {
  /** Calls into the compiler. */
  compiles: number;
  /** Answers served from the store's compile cache. */
  cacheHits: number;
}

const URL_SAFE_HASH = /^[0-9a-f]{8,128}$/;
const PREVIEW_BOT_ID = 'preview';

/**
 * Compiles scenarios for bots, at most once per (scenario, bot, public URL, compiler): results, failed ones
 * included, live in the store, and concurrent requests for the same key share one compile.
 */
export class CompileService {
  readonly stats: CompileStats = { compiles: 0, cacheHits: 0 };
  private readonly inFlight = new Map<string, Promise<CompileOutcome>>();

  constructor(
    private readonly deps: {
      store: Pick<BotsStore, 'getCompileResult' | 'putCompileResult' | 'getBundle'>;
      compile: CompileFn;
      /** From `compilerFingerprint()`. */
      fingerprint: string;
      publicUrl: string;
      log: Logger;
    },
  ) {}

  /** The cache key a compile of this scenario for this bot has; equal keys give equal bundles. */
  keyFor(botId: string, scenario: unknown): string {
    const options = JSON.stringify({
      botId,
      publicUrl: this.deps.publicUrl,
      minify: true,
      compiler: this.deps.fingerprint,
    });
    return createHash('sha256')
      .update(options)
      .update('\n')
      .update(JSON.stringify(scenario) ?? 'undefined')
      .digest('hex');
  }

  /** The bundle and diagnostics for this bot's scenario, from the cache when it has them. */
  compileForBot(botId: string, scenario: unknown): Promise<CompileOutcome> {
    const key = this.keyFor(botId, scenario);
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.cachedOrCompile(key, botId, scenario).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** Diagnostics for a scenario that belongs to no bot, without storing anything. */
  async preview(scenario: unknown): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
    const result = await this.previewBundle(PREVIEW_BOT_ID, scenario);
    return { ok: result.ok, diagnostics: result.diagnostics };
  }

  /**
   * A bundle to try a scenario out under `botId`, compiled now and stored nowhere (previews change with every edit).
   * It never calls home: the server takes long timers and handoffs only from published bots, so a preview's
   * calls would only be refused (and logged as errors in the builder). Its timers stay in the page, and a
   * handoff goes on as if nobody answered.
   */
  async previewBundle(
    botId: string,
    scenario: unknown,
  ): Promise<{ ok: boolean; diagnostics: Diagnostic[]; bundle?: string }> {
    this.stats.compiles++;
    const result = await this.deps.compile(scenario, { botId, publicUrl: '', minify: true });
    compiles.inc({ result: result.ok ? 'preview_ok' : 'preview_failed' });
    return { ok: result.ok, diagnostics: result.diagnostics, bundle: result.ok ? result.bundle : undefined };
  }

  private async cachedOrCompile(key: string, botId: string, scenario: unknown): Promise<CompileOutcome> {
    const cached = await this.deps.store.getCompileResult(key);
    if (cached) {
      const bundle = cached.bundleHash ? await this.deps.store.getBundle(cached.bundleHash) : null;
      if (!cached.ok || bundle) {
        this.stats.cacheHits++;
        compiles.inc({ result: 'cached' });
        return { key, ok: cached.ok, diagnostics: cached.diagnostics, bundle };
      }
    }
    this.stats.compiles++;
    const started = performance.now();
    const result = await this.deps.compile(scenario, { botId, publicUrl: this.deps.publicUrl, minify: true });
    const ms = Math.round(performance.now() - started);
    compileDuration.observe(ms / 1000);
    compiles.inc({ result: result.ok && result.bundle !== undefined ? 'ok' : 'failed' });
    if (!result.ok || result.bundle === undefined) {
      this.deps.log.debug({ botId, ms, errors: result.diagnostics.length }, 'compile failed');
      if (!result.diagnostics.some(isTransient)) {
        await this.deps.store.putCompileResult(
          { key, ok: false, diagnostics: result.diagnostics, bundleHash: null },
          null,
        );
      }
      return { key, ok: false, diagnostics: result.diagnostics, bundle: null };
    }
    const body = result.bundle;
    const hash = result.hash && URL_SAFE_HASH.test(result.hash) ? result.hash : sha256(body);
    const bundle: Bundle = { hash, body, ...(await precompress(body)) };
    await this.deps.store.putCompileResult(
      { key, ok: true, diagnostics: result.diagnostics, bundleHash: hash },
      bundle,
    );
    this.deps.log.info({ botId, ms, hash, bytes: body.length, gzip: bundle.gzip.length }, 'compiled');
    return { key, ok: true, diagnostics: result.diagnostics, bundle };
  }
}

/** A failure of the compiler rather than of the scenario (a crashed esbuild, a bug) may not repeat: never cache it. */
function isTransient(diagnostic: Diagnostic): boolean {
  return /^(internal|emit)\./.test(diagnostic.code);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
