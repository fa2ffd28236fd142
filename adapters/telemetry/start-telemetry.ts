import { dirname, join } from 'node:path';
import { metrics } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ConsoleMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { chooseExporters } from './choose-exporters.js';
import { JsonLinesMetricExporter } from './json-lines-metric-exporter.js';
import { JsonLinesSpanExporter } from './json-lines-span-exporter.js';
import type { TelemetrySettings } from './telemetry-settings.js';

export interface Telemetry {
  /** Flushes what is buffered and stops exporting; call it before the process exits. */
  shutdown(): Promise<void>;
}

/** Metrics are collected this often (and once more at shutdown). */
const METRIC_INTERVAL_MS = 15_000;

let started: Telemetry | undefined;

/**
 * Sets up this process's OpenTelemetry once: the W3C trace-context propagator and async context
 * (always, so trace context flows on even where nothing is exported), then the exporters the
 * settings choose. Azure Monitor's distro brings its own providers; the others get ours. Spans are
 * only the ones Newsdesk makes by hand: no auto-instrumentation, for low overhead.
 */
export async function startTelemetry(options: { serviceName: string; settings: TelemetrySettings }): Promise<Telemetry> {
  if (started) return started;
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName });
  const spanProcessors: SpanProcessor[] = [];
  const readers: PeriodicExportingMetricReader[] = [];
  let azureMonitor: string | undefined;
  for (const choice of chooseExporters(options.settings)) {
    if (choice.kind === 'azure-monitor') azureMonitor = choice.connectionString;
    if (choice.kind === 'otlp') spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: choice.tracesUrl })));
    if (choice.kind === 'file') {
      // Synchronous appends: nothing to lose if a local process is killed, and a test reads spans at once.
      spanProcessors.push(new SimpleSpanProcessor(new JsonLinesSpanExporter(choice.path)));
      const exporter = new JsonLinesMetricExporter(join(dirname(choice.path), 'metrics.jsonl'));
      readers.push(new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: METRIC_INTERVAL_MS }));
    }
    if (choice.kind === 'console') {
      spanProcessors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
      readers.push(new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: METRIC_INTERVAL_MS }));
    }
  }

  if (azureMonitor) {
    // Loaded only when used: the distro pulls in the whole Node SDK.
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: azureMonitor },
      resource,
      // Every submission traced: a few per second at most, and a rate-limited sampler drops whole first traces.
      samplingRatio: 1,
      tracesPerSecond: 0,
      spanProcessors,
      metricReaders: readers,
      instrumentationOptions: { http: { enabled: false }, azureSdk: { enabled: false } },
    });
    // A last export that fails (ingestion unreachable) must not fail the process's own shutdown.
    return (started = { shutdown: () => shutdownAzureMonitor().catch(() => undefined) });
  }

  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  // Registers the provider, AsyncLocalStorage context and the W3C traceparent propagator globally.
  tracerProvider.register();
  const meterProvider = readers.length > 0 ? new MeterProvider({ resource, readers }) : undefined;
  if (meterProvider) metrics.setGlobalMeterProvider(meterProvider);
  return (started = {
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider?.shutdown()]);
    },
  });
}
