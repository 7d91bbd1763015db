/** Absolute URLs of what the server serves, from PUBLIC_URL: the base baked into bundles and returned by the API. */
export class PublicUrls {
  readonly base: string;

  constructor(base: string) {
    this.base = base.replace(/\/+$/, '');
  }

  /** `/bots/<id>.js`: the latest published version, what landing pages embed. */
  latestScript(botId: string): string {
    return `${this.base}/bots/${encodeURIComponent(botId)}.js`;
  }

  /** `/bots/<id>/<hash>.js`: one version's bytes, forever. */
  versionScript(botId: string, hash: string): string {
    return `${this.base}/bots/${encodeURIComponent(botId)}/${hash}.js`;
  }
}
