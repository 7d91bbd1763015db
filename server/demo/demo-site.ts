import express, { Router } from 'express';
import { join } from 'node:path';
import { pageSecurityHeaders } from '../http/security-headers.ts';

/** `/demo/`: the static landing site from `demo/site/`, under a CSP that allows only this server. */
export function demoSite(demoDir: string): Router {
  const router = Router();
  router.use(pageSecurityHeaders());
  router.use(express.static(join(demoDir, 'site'), { index: 'index.html', maxAge: 0, fallthrough: true }));
  return router;
}
