import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from './theme';

export interface PanelProps {
  title: string;
  /** Extra words after the title, such as a position or a filter. */
  note?: string;
  width: number;
  /** Rows inside the border. */
  rows: number;
  focused: boolean;
  children: ReactNode;
}

/**
 * A bordered box of a fixed size with its title in the top border. Focus shows as a
 * double border (and colour when it is on), so it reads under NO_COLOR too. The top
 * edge is drawn here because Ink's borders carry no title.
 */
export function Panel({ title, note, width, rows, focused, children }: PanelProps) {
  const { paint, colored } = useTheme();
  const [corner, line, end] = focused ? ['╔', '═', '╗'] : ['┌', '─', '┐'];
  const inner = Math.max(0, width - 2);
  let label = ` ${title}${note ? ` · ${note}` : ''} `;
  if (label.length > inner - 1) label = `${label.slice(0, Math.max(0, inner - 3))}… `;
  const rest = line.repeat(Math.max(0, inner - 1 - label.length));
  const edge = (s: string) => (colored ? (focused ? paint.cyan(s) : paint.gray(s)) : s);
  return (
    <Box flexDirection="column" width={width} height={rows + 2}>
      <Text>
        {edge(corner + line)}
        {focused ? paint.bold(label) : label}
        {edge(rest + end)}
      </Text>
      <Box
        flexDirection="column"
        width={width}
        height={rows + 1}
        borderStyle={focused ? 'double' : 'single'}
        borderTop={false}
        borderColor={colored ? (focused ? 'cyan' : 'gray') : undefined}
        overflow="hidden"
      >
        {children}
      </Box>
    </Box>
  );
}
