import { describe, expect, it } from 'vitest';
import { signingSecrets } from './signing-secrets.js';

const client = { clientId: 'c', name: 'Desk', webhookSecret: 'new', rateLimitPerMinute: 60 };
const at = new Date('2026-03-01T12:00:00Z');

describe('signingSecrets', () => {
  it('is the one secret when nothing was rotated', () => {
    expect(signingSecrets(client, at)).toEqual(['new']);
  });

  it('adds the previous secret, newest first, until its overlap ends', () => {
    const rotated = { ...client, previousWebhookSecret: { secret: 'old', expiresAt: '2026-03-01T12:00:01Z' } };
    expect(signingSecrets(rotated, at)).toEqual(['new', 'old']);
    expect(signingSecrets(rotated, new Date('2026-03-01T12:00:01Z'))).toEqual(['new']);
  });
});
