/** A captioned data table; cells are rendered by the columns. */
import type { ComponentChildren } from 'preact';
import { useConsole, type ConsoleContext } from '../context';

/** One column: its header and how a row shows in it. */
export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ComponentChildren;
}

/** A table of rows, or "nothing to show". */
export function Table<T>(props: {
  readonly caption: string;
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T) => string;
}) {
  const { t } = useConsole();
  if (props.rows.length === 0)
    return (
      <section aria-label={props.caption}>
        <h3>{props.caption}</h3>
        <p class="empty">{t('none')}</p>
      </section>
    );
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {props.columns.map((c) => (
              <td key={c.header}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A ledger time shown in the browser's locale (China Standard Time for zh). */
export function When({ at }: { readonly at: string | null | undefined }) {
  const { lang } = useConsole();
  if (at === null || at === undefined) return <span>—</span>;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <span>{at}</span>;
  return (
    <time dateTime={at}>
      {date.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })}
    </time>
  );
}

/** An "actions" column of Open buttons, each named with its row's id for screen readers. */
export function openColumn<T>(
  t: ConsoleContext['t'],
  idOf: (row: T) => string,
  onOpen: (id: string) => void,
): Column<T> {
  return {
    header: t('actions'),
    cell: (row) => (
      <button
        type="button"
        aria-label={`${t('open')} ${idOf(row)}`}
        onClick={() => {
          onOpen(idOf(row));
        }}
      >
        {t('open')}
      </button>
    ),
  };
}
