import { describe, expect, it } from 'vitest';
import { UploadSlots } from './upload-slots.js';

describe('UploadSlots', () => {
  it('gives each client up to max slots, and a slot back once released (twice counts once)', () => {
    const slots = new UploadSlots(2);
    const [a, b] = [slots.take('desk'), slots.take('desk')];
    expect(slots.take('desk')).toBeUndefined();
    expect(slots.take('other')).toBeDefined();
    a!();
    a!();
    const c = slots.take('desk');
    expect(c).toBeDefined();
    expect(slots.take('desk')).toBeUndefined();
    b!();
    c!();
    expect([slots.take('desk'), slots.take('desk')].every(Boolean)).toBe(true);
  });
});
