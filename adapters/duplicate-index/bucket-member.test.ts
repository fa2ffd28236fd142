import { expect, it } from 'vitest';
import { membersOf, packMembers, type Member } from './bucket-member.js';

it('keeps the newest members when a bucket outgrows one entity', () => {
  // 6,000 members of ~100 characters: more than the ~450,000 one entity holds.
  const members: Member[] = Array.from({ length: 6000 }, (_, i) => [
    `sub-${i}`.padEnd(40, '-'),
    'f1',
    'Ærøskøbing.jpg',
    i,
    ['0123456789abcdef'],
  ]);
  const kept = membersOf(packMembers(members));
  expect(kept.length).toBeGreaterThan(2000);
  expect(kept.length).toBeLessThan(6000);
  expect(Math.min(...kept.map((m) => m[3]))).toBe(6000 - kept.length);
  expect(membersOf(packMembers(members.slice(0, 10)))).toEqual(members.slice(0, 10).reverse());
});
