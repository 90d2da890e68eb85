import { ReactNode } from 'react';

/**
 * A table headed by one column header (`scope="col"`) per entry of `columns`; the rows are the children.
 * It scrolls sideways inside its own box on a narrow screen, unless `scroll` is false (a table with
 * nothing focusable in it, whose box keyboard users could not scroll).
 */
export function ScrollTable(props: { className?: string; columns: ReactNode[]; caption?: ReactNode; scroll?: boolean; children: ReactNode }) {
  const table = (
    <table className={props.className}>
      {props.caption && <caption className="visually-hidden">{props.caption}</caption>}
      <thead>
        <tr>
          {props.columns.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
  return props.scroll === false ? table : <div className="table-scroll">{table}</div>;
}

/**
 * A {@link ScrollTable} of one row per item: `cells` gives the row's cells, the first of them its row
 * header (`scope="row"`), which names the row for assistive technology. `rowData` adds data-* attributes.
 * With no rows it shows `empty` (a sentence saying there is nothing) instead of a table of headers only.
 */
export function RowTable<T>(props: {
  className?: string;
  scroll?: boolean;
  columns: ReactNode[];
  rows: T[];
  rowKey: (row: T, index: number) => string | number;
  cells: (row: T) => ReactNode[];
  rowData?: (row: T) => Record<`data-${string}`, string | number>;
  empty?: ReactNode;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <>{props.empty}</>;
  return (
    <ScrollTable className={props.className} columns={props.columns} scroll={props.scroll}>
      {props.rows.map((row, i) => {
        const [header, ...cells] = props.cells(row);
        return (
          <tr key={props.rowKey(row, i)} {...props.rowData?.(row)}>
            <th scope="row">{header}</th>
            {cells.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        );
      })}
    </ScrollTable>
  );
}
