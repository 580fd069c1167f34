import type { ChalkInstance } from 'chalk';
import { createContext, useContext } from 'react';

/**
 * Colour for the dashboard: the CLI's chalk instance (NO_COLOR, --no-color and a
 * non-terminal stdout turn it off). Components colour text with it, never with Ink's
 * `color` props, whose own detection does not know about NO_COLOR.
 */
export interface Theme {
  paint: ChalkInstance;
  /** Colour is on: borders may be coloured too. */
  colored: boolean;
}

export const ThemeContext = createContext<Theme | undefined>(undefined);

export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme outside ThemeContext');
  return theme;
}
