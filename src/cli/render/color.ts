import { Chalk, type ChalkInstance, supportsColor } from 'chalk';
import type { OutStream } from '../io';

/**
 * Colour only when stdout is a terminal and neither NO_COLOR (any non-empty value, per
 * no-color.org) nor --no-color says otherwise.
 */
export function createColor(stdout: OutStream, env: NodeJS.ProcessEnv, colorFlag: boolean): ChalkInstance {
  const wanted = colorFlag && stdout.isTTY === true && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const level = wanted ? (supportsColor ? supportsColor.level : 1) || 1 : 0;
  return new Chalk({ level });
}
