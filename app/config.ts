import { z } from 'zod';

/**
 * The function app's settings: the one place that reads process.env. Locally `npm start` sets
 * them; in Azure they are app settings generated from the same names.
 */
const schema = z.object({
  AzureWebJobsStorage: z.string().min(1, 'AzureWebJobsStorage (the storage connection string) is required'),
});

export type AppConfig = { storageConnectionString: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid Newsdesk settings — ${missing}`);
  }
  return { storageConnectionString: parsed.data.AzureWebJobsStorage };
}
