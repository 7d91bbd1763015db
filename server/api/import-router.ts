import express, { Router } from 'express';
import { check, importBpmn } from '../../compiler/index.ts';
import { requireRole } from '../auth/authenticate.ts';
import { apiError } from '../http/http-error.ts';
import { describeRoute } from '../openapi/describe-route.ts';

/** The content types a `.bpmn` upload arrives as: browsers send the file's type, curl sends what it is told. */
const XML_TYPES = ['application/xml', 'text/xml', 'application/bpmn+xml', 'application/octet-stream', 'text/plain'];

describeRoute({
  method: 'post',
  path: '/import/bpmn',
  summary: 'Turn a BPMN file into a scenario, without saving it',
  roles: ['owner', 'editor'],
  body: { contentType: 'application/xml', description: 'The .bpmn file itself' },
  example: '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
  responses: {
    200: 'The scenario and diagnostics: what could not be carried over, then what the compiler thinks of it',
    422: 'Nothing could be imported (`import.failed`)',
  },
});

/**
 * `/api/v1/import`: converts other formats into a scenario without saving it. The builder opens the
 * result as a draft for the author to review; the diagnostics say what could not be carried over,
 * followed by what the compiler thinks of the result.
 */
export function importRouter(options: { bodyLimitBytes: number }): Router {
  const router = Router();
  router.post(
    '/bpmn',
    requireRole('owner', 'editor'),
    express.text({ type: XML_TYPES, limit: options.bodyLimitBytes }),
    async (req, res) => {
      if (typeof req.body !== 'string' || req.body.trim() === '') {
        throw apiError('request.invalid', {
          message: 'The body must be the BPMN file itself, sent as application/xml',
        });
      }
      const { scenario, diagnostics } = await importBpmn(req.body);
      if (!scenario) throw apiError('import.failed', { diagnostics });
      res.json({ scenario, diagnostics: [...diagnostics, ...check(scenario).diagnostics] });
    },
  );
  return router;
}
