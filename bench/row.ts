/** One line of the bench's table: a figure beside the reference it is measured against. */
export interface Row {
  figure: string;
  measured: string;
  reference: string;
  ratio: number | null;
  target: string;
  ok: boolean | null;
}

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
export const fmtN = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMb = (kb: number) => (kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(1)} GB` : `${fmtN(kb / 1024)} MB`);
