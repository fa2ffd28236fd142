import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: { op: '>=' | '<='; value: number };
  /** Published or same-run reference figures, for context. */
  compare?: Record<string, number>;
  notes?: string;
}

export function meets(f: Figure): boolean | undefined {
  if (!f.goal) return undefined;
  return f.goal.op === '>=' ? f.value >= f.goal.value : f.value <= f.goal.value;
}

/** Prints each figure against its goal and writes the suite's JSON under bench/results/. */
export function report(suite: string, figures: Figure[], resultsDir: string): string {
  console.log(`\n== ${suite} ==`);
  for (const f of figures) {
    const ok = meets(f);
    const goal = f.goal ? ` (goal ${f.goal.op} ${f.goal.value} ${f.unit}: ${ok ? 'met' : 'NOT met'})` : '';
    const cmp = f.compare
      ? ` — compare: ${Object.entries(f.compare)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`
      : '';
    console.log(`${f.name}: ${f.value.toFixed(f.value < 10 ? 3 : 1)} ${f.unit}${goal}${cmp}`);
  }
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${suite}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { suite, at: new Date().toISOString(), machine: machine(), figures: figures.map((f) => ({ ...f, met: meets(f) })) },
      null,
      2,
    ),
  );
  return file;
}

function machine(): Record<string, unknown> {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
  };
}
