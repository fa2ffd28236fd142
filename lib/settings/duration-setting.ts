import { z } from 'zod';
import { parseDuration } from './duration.js';

/**
 * A setting holding an ISO 8601 duration (`PT30M`), read as milliseconds; a bad value becomes a
 * validation issue naming the text. Shared by the function app's, the worker's and the
 * classifier's config modules so they spell durations alike.
 */
export const durationSetting = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parseDuration(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
