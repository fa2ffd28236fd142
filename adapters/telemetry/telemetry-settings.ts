import { z } from 'zod';

/**
 * Where a process sends its traces and metrics. Each process's own config module merges this
 * schema into its settings (so the names are the same everywhere) and hands the result to
 * startTelemetry; nothing here reads process.env.
 */
export const telemetrySchema = z.object({
  /** Azure Monitor (Application Insights); set in Azure. */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().min(1).optional(),
  /** An OTLP/HTTP collector's base URL (`http://localhost:4318`): traces go to `{url}/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** A JSON-lines file every finished span is appended to (`npm start` sets `.data/traces.jsonl`). */
  NEWSDESK_TRACE_FILE: z.string().min(1).optional(),
  /** `1`: spans (and metrics) printed on the console as well. */
  NEWSDESK_TRACE_CONSOLE: z.enum(['0', '1', 'true', 'false']).optional(),
});

export interface TelemetrySettings {
  azureMonitorConnectionString?: string;
  otlpEndpoint?: string;
  traceFile?: string;
  console?: boolean;
}

export function telemetrySettingsOf(e: z.infer<typeof telemetrySchema>): TelemetrySettings {
  return {
    azureMonitorConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    traceFile: e.NEWSDESK_TRACE_FILE,
    console: e.NEWSDESK_TRACE_CONSOLE === '1' || e.NEWSDESK_TRACE_CONSOLE === 'true',
  };
}
