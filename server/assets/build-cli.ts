/**
 * `npm run build`: builds the browser assets into dist/ (or ASSETS_DIR) with the stamp `npm start` checks, for
 * those who ship dist/. It builds even when dist/ is current, and exits 1 when the build fails.
 */
import { ensureAssets } from './ensure-assets.ts';

const state = await ensureAssets({
  dir: process.env.ASSETS_DIR || undefined,
  force: true,
  log: {
    info: (fields: { warnings?: string[] }, message) => {
      for (const warning of fields.warnings ?? []) console.warn(`warning: ${warning}`);
      console.log(message);
    },
    debug: () => undefined,
    error: (fields: { err?: unknown }, message) => console.error(message, '\n', fields.err),
  },
});
process.exitCode = state.status === 'failed' ? 1 : 0;
