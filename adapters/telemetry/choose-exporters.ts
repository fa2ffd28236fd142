import type { TelemetrySettings } from './telemetry-settings.js';

export type ExporterChoice =
  | { kind: 'azure-monitor'; connectionString: string }
  | { kind: 'otlp'; tracesUrl: string }
  | { kind: 'file'; path: string }
  | { kind: 'console' };

/**
 * Every destination the settings name, in a fixed order; they combine (Azure Monitor and a local
 * file, say). None at all still propagates trace context, so a process without an exporter does
 * not break the chain between the processes around it.
 */
export function chooseExporters(settings: TelemetrySettings): ExporterChoice[] {
  const chosen: ExporterChoice[] = [];
  if (settings.azureMonitorConnectionString)
    chosen.push({ kind: 'azure-monitor', connectionString: settings.azureMonitorConnectionString });
  if (settings.otlpEndpoint) chosen.push({ kind: 'otlp', tracesUrl: `${settings.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` });
  if (settings.traceFile) chosen.push({ kind: 'file', path: settings.traceFile });
  if (settings.console) chosen.push({ kind: 'console' });
  return chosen;
}
