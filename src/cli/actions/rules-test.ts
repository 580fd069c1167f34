import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { testRules } from '../../app/rules';
import * as z from '../../validation/zod';
import { moneyText, parseOptions, textValue } from '../options';
import type { Output } from '../render/output';

const TestOptions = z.object({
  '<description>': textValue(500),
  merchant: z.optional(textValue()),
  amount: z._default(moneyText(), -100),
  account: z.optional(textValue()),
});

export default async function rulesTest(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(TestOptions, { ...command.opts(), '<description>': command.args[0] }, 'rules test');
  const result = await testRules(ctx, {
    description: o['<description>'],
    merchant: o.merchant,
    amountCents: o.amount,
    account: o.account,
  });
  const source = result.learned ? 'learned' : result.source;
  if (out.json) return out.data({ category: result.category, source, rule_id: result.ruleId, merchant: result.merchant });
  const by =
    source === 'learned'
      ? `rule ${result.ruleId}, learned from your edits`
      : result.source === 'rule'
        ? `rule ${result.ruleId}`
        : SOURCE[result.source];
  out.line(`${out.color.bold(result.category)}  ${out.color.dim(`by ${by}`)}`);
  if (result.merchant !== null) out.line(`merchant: ${result.merchant}`);
}

const SOURCE = {
  builtin: 'the built-in categorizer',
  provider: "the bank's category",
  none: 'nothing: no rule or keyword matches',
  rule: 'a rule',
};
