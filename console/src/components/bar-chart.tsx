/**
 * A bar chart in SVG with its numbers as a table for screen readers (and
 * for everyone in the figure caption's details).
 */
import { useConsole } from '../context';

/** One bar: a label and its segments (e.g. per result), stacked. */
export interface Bar {
  readonly label: string;
  readonly segments: Readonly<Record<string, number>>;
}

const COLOURS: Readonly<Record<string, string>> = {
  VALID: '#1b6e3a',
  INVALID: '#b3261e',
  DENIED: '#7a4f00',
};
const FALLBACK = ['#1f4e8c', '#6b3fa0', '#0b6e6e', '#8c1f5e', '#4d4d4d'];

function colourOf(key: string, index: number): string {
  return COLOURS[key] ?? FALLBACK[index % FALLBACK.length] ?? '#4d4d4d';
}

/** About how wide a label is at 11 px: Chinese characters take twice a Latin one. */
function labelWidth(label: string): number {
  let width = 0;
  for (let i = 0; i < label.length; i += 1) width += label.charCodeAt(i) > 0x2e7f ? 12 : 7;
  return width;
}

/** One bar per code of a count table (e.g. verifications by purpose), named in the page's language. */
export function barsByCode(counts: Readonly<Record<string, number>>, name: (code: string) => string): Bar[] {
  return Object.entries(counts).map(([code, n]) => ({ label: name(code), segments: { [code]: n } }));
}

/** Total of a bar. */
export function barTotal(bar: Bar): number {
  return Object.values(bar.segments).reduce((a, b) => a + b, 0);
}

/** A stacked bar chart with a legend and an accessible table of the same numbers. */
export function BarChart(props: { readonly title: string; readonly bars: readonly Bar[] }) {
  const { l, t } = useConsole();
  const keys = [...new Set(props.bars.flatMap((b) => Object.keys(b.segments)))].sort();
  const max = Math.max(1, ...props.bars.map(barTotal));
  // Wide enough for the longest label (unit ids run to 12 characters), within reason.
  const longest = Math.max(0, ...props.bars.map((b) => labelWidth(b.label)));
  const width = Math.min(110, Math.max(40, longest + 6));
  const gap = 8;
  const height = 120;
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg
        role="img"
        aria-label={props.title}
        viewBox={`0 0 ${Math.max(1, props.bars.length) * (width + gap)} ${height + 22}`}
        width={Math.max(1, props.bars.length) * (width + gap)}
        height={height + 22}
      >
        {props.bars.map((bar, i) => {
          let y = height;
          const x = i * (width + gap);
          return (
            <g key={bar.label}>
              {keys.map((k, ki) => {
                const h = ((bar.segments[k] ?? 0) / max) * height;
                y -= h;
                return <rect key={k} x={x} y={y} width={width} height={h} fill={colourOf(k, ki)} />;
              })}
              <text x={x + width / 2} y={height + 16} text-anchor="middle" font-size="11">
                {bar.label.length > 15 ? `${bar.label.slice(0, 14)}…` : bar.label}
              </text>
              <title>{`${bar.label}: ${String(barTotal(bar))}`}</title>
            </g>
          );
        })}
      </svg>
      <ul class="legend">
        {keys.map((k, ki) => (
          <li key={k}>
            <svg class="swatch" width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" fill={colourOf(k, ki)} />
            </svg>{' '}
            {l(k)}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('total')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{props.title}</th>
              {keys.map((k) => (
                <th key={k} scope="col">
                  {l(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                {keys.map((k) => (
                  <td key={k}>{bar.segments[k] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
