import { TokenBuckets } from '../http/rate-limit.ts';

/**
 * Password guessing is slowed per account and per client IP: every attempt takes a token from both buckets,
 * and a success gives the account its tokens back. With the defaults, an account allows 10 quick attempts
 * and then one a minute; an IP, 50 and then one every 5 s, across all the accounts it tries.
 * (Anyone can therefore slow down logins to an account they know the email of; the owner can still use tokens.)
 */
export class LoginThrottle {
  private readonly byEmail: TokenBuckets;
  private readonly byIp: TokenBuckets;

  constructor(
    options: {
      now?: () => number;
      perEmail?: { capacity: number; refillPerSecond: number };
      perIp?: { capacity: number; refillPerSecond: number };
    } = {},
  ) {
    this.byEmail = new TokenBuckets(options.perEmail ?? { capacity: 10, refillPerSecond: 1 / 60 }, {
      now: options.now,
    });
    this.byIp = new TokenBuckets(options.perIp ?? { capacity: 50, refillPerSecond: 1 / 5 }, { now: options.now });
  }

  /** Counts an attempt: 0 when it may go ahead, else the seconds to wait (and the attempt is not counted). */
  attempt(email: string, ip: string): number {
    const wait = Math.max(this.byEmail.waitFor(email), this.byIp.waitFor(ip));
    if (wait > 0) return wait;
    this.byEmail.take(email);
    this.byIp.take(ip);
    return 0;
  }

  succeeded(email: string): void {
    this.byEmail.reset(email);
  }
}
