import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerCategories(program: Command, cli: Cli): void {
  program
    .command('categories')
    .description("categories with their number of transactions and this month's spend")
    .addHelpText('after', examples('finagg categories', 'finagg categories --json'))
    .action(cli.action(() => import('../actions/categories')));
}
