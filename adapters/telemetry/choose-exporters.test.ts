import { describe, expect, it } from 'vitest';
import { chooseExporters } from './choose-exporters.js';
import { telemetrySchema, telemetrySettingsOf } from './telemetry-settings.js';

const settingsOf = (env: Record<string, string>) => telemetrySettingsOf(telemetrySchema.parse(env));

describe('chooseExporters', () => {
  it('chooses nothing without settings: context still propagates, nothing is exported', () => {
    expect(chooseExporters(settingsOf({}))).toEqual([]);
  });

  it('sends to Azure Monitor when its connection string is set', () => {
    const cs = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/';
    expect(chooseExporters(settingsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs }))).toEqual([
      { kind: 'azure-monitor', connectionString: cs },
    ]);
  });

  it('sends traces to {endpoint}/v1/traces for OTLP, whatever the trailing slashes', () => {
    expect(chooseExporters(settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318/' }))).toEqual([
      { kind: 'otlp', tracesUrl: 'http://localhost:4318/v1/traces' },
    ]);
  });

  it('combines destinations in a fixed order: Azure Monitor, OTLP, file, console', () => {
    const chosen = chooseExporters(
      settingsOf({
        NEWSDESK_TRACE_CONSOLE: '1',
        NEWSDESK_TRACE_FILE: '/tmp/t.jsonl',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=x',
      }),
    );
    expect(chosen.map((c) => c.kind)).toEqual(['azure-monitor', 'otlp', 'file', 'console']);
  });

  it('reads NEWSDESK_TRACE_CONSOLE as a flag', () => {
    expect(chooseExporters(settingsOf({ NEWSDESK_TRACE_CONSOLE: '0' }))).toEqual([]);
    expect(chooseExporters(settingsOf({ NEWSDESK_TRACE_CONSOLE: 'true' }))).toEqual([{ kind: 'console' }]);
  });

  it('refuses an OTLP endpoint that is not a URL, naming the setting', () => {
    const parsed = telemetrySchema.safeParse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT']);
  });
});
