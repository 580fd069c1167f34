import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface WindowSize {
  columns: number;
  rows: number;
}

/**
 * The terminal's size, updated on resize. `fixed` pins it (tests, whose fake stdout has
 * no rows); otherwise a stream without a size reads as 80x24.
 */
export function useWindowSize(fixed?: WindowSize): WindowSize {
  const { stdout } = useStdout();
  const read = (): WindowSize => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed?.columns, fixed?.rows]);
  return fixed ?? size;
}
