import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** Appends each metrics collection as one JSON line: `{ at, service, metrics: [{ name, unit, points }] }`. */
export class JsonLinesMetricExporter implements PushMetricExporter {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  export(collected: ResourceMetrics, done: Parameters<PushMetricExporter['export']>[1]): void {
    const metrics = collected.scopeMetrics.flatMap((scope) =>
      scope.metrics.map((m) => ({
        name: m.descriptor.name,
        unit: m.descriptor.unit,
        points: m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })),
      })),
    );
    if (metrics.length === 0) return done({ code: 0 });
    try {
      const line = { at: new Date().toISOString(), service: collected.resource.attributes['service.name'], metrics };
      appendFileSync(this.path, `${JSON.stringify(line)}\n`);
      done({ code: 0 });
    } catch (error) {
      done({ code: 1, error: error as Error });
    }
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}
