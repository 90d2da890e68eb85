import { ReactNode } from 'react';

/** A section named by its own heading (aria-labelledby), so assistive technology lists it by that name. */
export function Section(props: { id: string; title: ReactNode; level?: 2 | 3; className?: string; children: ReactNode }) {
  const Heading = props.level === 3 ? 'h3' : 'h2';
  return (
    <section aria-labelledby={props.id} className={props.className}>
      <Heading id={props.id}>{props.title}</Heading>
      {props.children}
    </section>
  );
}
