import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { SubmissionView } from '../http/submission-view.js';
import { assetLinks } from '../results/asset-links.js';
import { downloadAsset } from '../results/download-asset.js';
import { example, type CommandContext } from './command-context.js';

export function registerResults(program: Command, ctx: CommandContext): void {
  program
    .command('results')
    .description("list a submission's results (each file's asset links); --download saves every asset")
    .argument('<id>', 'the submission id')
    .option('--download <dir>', 'save every asset under DIR/{fileId}/')
    .option('--json', 'print the submission as JSON')
    .addHelpText('after', example('newsdesk results s0123456789abcdef', 'newsdesk results s0123456789abcdef --download ./results'))
    .action(async (id: string, options: { download?: string; json?: boolean }, command: Command) => {
      const api = await ctx.api(command);
      const view = await api.json<SubmissionView>('GET', `/submissions/${encodeURIComponent(id)}`);
      if (options.json && options.download === undefined) return ctx.io.out(`${JSON.stringify(view, null, 2)}\n`);
      for (const file of view.files) {
        const links = assetLinks(file.links);
        if (options.download === undefined) {
          ctx.io.out(`${file.fileId}  ${file.name}  ${file.state}\n${links.map((l) => `  ${l.asset}  ${l.url}\n`).join('')}`);
          continue;
        }
        const dir = join(options.download, file.fileId);
        await mkdir(dir, { recursive: true });
        for (const link of links) ctx.io.out(`${await downloadAsset(api, link.url, dir, link.asset)}\n`);
      }
    });
}
