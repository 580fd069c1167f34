import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerCategories(program: Command, cli: Cli): void {
  const categories = program
    .command('categories')
    .description(
      "categories in two levels (food: groceries, dining, ...) with their number of transactions and this month's spend",
    )
    .option('--all', 'also the detailed categories that have no transactions yet')
    .addHelpText('after', examples('finagg categories', 'finagg categories --all', 'finagg categories --json'))
    .action(cli.action(() => import('../actions/categories')));

  categories
    .command('add')
    .description('a category of your own, at the top or under a top-level one')
    .argument('<name>', 'its name (words joined by hyphens: pet-care)')
    .option('--parent <category>', 'the top-level category it sits under')
    .addHelpText('after', examples('finagg categories add bakery --parent food', 'finagg categories add side-hustle'))
    .action(cli.action(() => import('../actions/categories-add')));
}
