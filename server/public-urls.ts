import type { Request } from 'express';

/** Absolute URLs of what the server serves, from PUBLIC_URL: the base baked into bundles and returned by the API. */
export class PublicUrls {
  readonly base: string;

  /** `configured`: the base is PUBLIC_URL. Without it the base is only a guess (`http://localhost:<port>`). */
  constructor(
    base: string,
    readonly configured = true,
  ) {
    this.base = base.replace(/\/+$/, '');
  }

  /**
   * The URLs to show the person who sent `req`: PUBLIC_URL when set, else the origin the request was addressed to,
   * so an author who opened the builder at `127.0.0.1` gets a snippet naming `127.0.0.1`, not `localhost`.
   */
  forRequest(req: Request): PublicUrls {
    const host = req.get('host');
    if (this.configured || !host || !/^[\w.:[\]-]+$/.test(host)) return this;
    return new PublicUrls(`${req.protocol}://${host}`, false);
  }

  /** `/bots/<id>.js`: the latest published version, what landing pages embed. */
  latestScript(botId: string): string {
    return `${this.base}/bots/${encodeURIComponent(botId)}.js`;
  }

  /** `/bots/<id>/<hash>.js`: one version's bytes, forever. */
  versionScript(botId: string, hash: string): string {
    return `${this.base}/bots/${encodeURIComponent(botId)}/${hash}.js`;
  }

  /** `/try/<id>`: a page of ours with the published bot embedded, for authors without a site of their own. */
  testPage(botId: string): string {
    return `${this.base}/try/${encodeURIComponent(botId)}`;
  }
}
