import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root.js';

/** The path of a real media file in test/fixtures/ (MANIFEST.md), for what reads files rather than bytes (ffmpeg, mail). */
export const fixturePath = (name: string): string => join(ROOT, 'test/fixtures', name);

/** The bytes of a real media file in test/fixtures/. */
export const fixture = (name: string): Buffer => readFileSync(fixturePath(name));
