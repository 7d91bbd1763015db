import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import './request-context.ts';

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives each request an id (the caller's `X-Request-Id` when it is sane), a child logger, and one log line when it ends.
 * `quiet` paths (bundles, health) log at debug: they are the hot path and carry no story.
 */
export function requestLogger(logger: Logger, quiet: (path: string) => boolean): RequestHandler {
  return function requestLogger(req, res, next) {
    assignRequestId(req, res);
    req.log = logger.child({ reqId: req.id });
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      };
      if (quiet(line.path) && res.statusCode < 500) req.log.debug(line, 'request');
      else req.log.info(line, 'request');
    });
    next();
  };
}

/** Sets `req.id` (the caller's `X-Request-Id` when it is sane, else a new UUID) and echoes it as `X-Request-Id`. */
export function assignRequestId(req: Request, res: Response): void {
  const incoming = req.get('x-request-id');
  req.id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.id);
}
