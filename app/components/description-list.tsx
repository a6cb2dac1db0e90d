import type { ReactNode } from "react";

export interface Description {
  term: ReactNode;
  value: ReactNode;
}

/** KERN's description list: facts as term/value pairs; a pair with an empty value is left out. */
export function DescriptionList({ items, columns = false }: { items: (Description | null | false)[]; columns?: boolean }) {
  const shown = items.filter((i): i is Description => Boolean(i) && (i as Description).value !== null && (i as Description).value !== undefined && (i as Description).value !== "");
  return (
    <dl className={`kern-description-list${columns ? " kern-description-list--col" : ""}`}>
      {shown.map((item, index) => (
        <div className="kern-description-list-item" key={index}>
          <dt className="kern-description-list-item__key">{item.term}</dt>
          <dd className="kern-description-list-item__value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
