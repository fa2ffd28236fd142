import type { Browser, Page } from 'playwright-core';

/** The little of the browser's globals the callbacks run in the page use (bench/ compiles without the DOM lib). */
interface Element {
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  textContent: string | null;
  value: string;
  getAttribute(name: string): string | null;
  click(): void;
  dispatchEvent(event: unknown): boolean;
}
interface BrowserGlobals {
  document: Element & { body: Element };
  performance: {
    now(): number;
    getEntriesByName(name: string): { startTime: number }[];
    getEntriesByType(type: 'resource'): { name: string; startTime: number; responseEnd: number }[];
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  Event: new (type: string, init: object) => unknown;
  deskFirstRowsAt?: number;
}

export interface ColdLoad {
  /** Since navigation start, as the browser reports first-contentful-paint. */
  fcpMs: number;
  /** Since navigation start, until the first page of rows is in the table. */
  firstRowsMs: number;
  rowsInDom: number;
  /** The waterfall before the rows, since navigation start: the sign-in check answered, the list asked for and answered. */
  meAnsweredMs: number;
  listAskedMs: number;
  listAnsweredMs: number;
}

const ROWS = 'table.grid tbody tr';

/** Runs before the desk's own script: notes when the first row reaches the table. */
function watchFirstRows(rows: string): void {
  const w = globalThis as unknown as BrowserGlobals;
  const observer = new w.MutationObserver(() => {
    if (!w.document.querySelector(rows)) return;
    w.deskFirstRowsAt = w.performance.now();
    observer.disconnect();
  });
  observer.observe(w.document, { childList: true, subtree: true });
}

/** Opens the desk's sign-in link in a new context (an empty cache, as a first visit) and waits for its rows. */
export async function coldLoad(browser: Browser, deskUrl: string): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchFirstRows, ROWS);
    await page.goto(deskUrl);
    await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).deskFirstRowsAt !== undefined, undefined, {
      timeout: 30_000,
    });
    return await page.evaluate((rows) => {
      const w = globalThis as unknown as BrowserGlobals;
      const fcp = w.performance.getEntriesByName('first-contentful-paint')[0];
      const resources = w.performance.getEntriesByType('resource');
      const me = resources.find((r) => r.name.includes('/api/staff/me'));
      const list = resources.find((r) => r.name.includes('/api/staff/submissions?'));
      return {
        fcpMs: fcp?.startTime ?? NaN,
        firstRowsMs: w.deskFirstRowsAt!,
        rowsInDom: w.document.querySelectorAll(rows).length,
        meAnsweredMs: me?.responseEnd ?? NaN,
        listAskedMs: list?.startTime ?? NaN,
        listAnsweredMs: list?.responseEnd ?? NaN,
      };
    }, ROWS);
  } finally {
    await context.close();
  }
}

/** What a person does on the Submissions page: pick from a labelled select, type into a labelled field, press a button. */
export type DeskAction = { select: string; value: string } | { type: string; value: string } | { press: string };

/** The table as it should look once the action took effect: its first row's submission and how many rows there are. */
export interface Expected {
  firstId: string;
  rows: number;
}

/** Milliseconds from the action until the table shows the expected rows (the filters' own pause after typing included). */
export function timeAction(page: Page, action: DeskAction, expected: Expected): Promise<number> {
  return page.evaluate(
    ({ action, expected, rows }) =>
      new Promise<number>((resolve, reject) => {
        const w = globalThis as unknown as BrowserGlobals;
        const d = w.document;
        const labelled = (text: string, control: string) =>
          Array.from(d.querySelectorAll('label'))
            .find((l) => l.textContent?.trim().startsWith(text))!
            .querySelector(control)!;
        const shown = () => {
          const list = d.querySelectorAll(rows);
          return list.length === expected.rows && !!list[0]?.querySelector('a')?.getAttribute('href')?.endsWith(expected.firstId);
        };
        const started = w.performance.now();
        const observer = new w.MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          resolve(w.performance.now() - started);
        });
        observer.observe(d.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => (observer.disconnect(), reject(new Error(`the table never showed ${JSON.stringify(expected)}`))), 15_000);
        if ('press' in action)
          Array.from(d.querySelectorAll('button'))
            .find((b) => b.textContent?.trim() === action.press)!
            .click();
        else {
          const control = 'select' in action ? labelled(action.select, 'select') : labelled(action.type, 'input');
          control.value = action.value;
          control.dispatchEvent(new w.Event('select' in action ? 'change' : 'input', { bubbles: true }));
        }
      }),
    { action, expected, rows: ROWS },
  );
}
