import { ReactNode } from 'react';

/**
 * A table that scrolls sideways inside its own box on a narrow screen, headed by one column header
 * (`scope="col"`) per entry of `columns`; the rows are the children.
 */
export function ScrollTable(props: { className: string; columns: ReactNode[]; caption?: ReactNode; children: ReactNode }) {
  return (
    <div className="table-scroll">
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
    </div>
  );
}
