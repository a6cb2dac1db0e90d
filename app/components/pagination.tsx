import { Link, useSearchParams } from "@remix-run/react";

/**
 * Previous/next links for a list paged by the `page` search parameter. The other parameters (the
 * active filters) are kept, so paging never loses the filter.
 */
export function Pagination({ page, hasMore, label = "Seiten" }: { page: number; hasMore: boolean; label?: string }) {
  const [params] = useSearchParams();
  if (page <= 1 && !hasMore) return null;
  const searchFor = (target: number) => {
    const next = new URLSearchParams(params);
    if (target <= 1) next.delete("page");
    else next.set("page", String(target));
    const search = next.toString();
    return search ? `?${search}` : "?";
  };
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link className="kern-btn kern-btn--secondary" to={{ search: searchFor(page - 1) }} rel="prev">
              <span className="kern-label">Vorherige Seite</span>
            </Link>
          </li>
        ) : null}
        <li aria-current="page">Seite {page}</li>
        {hasMore ? (
          <li>
            <Link className="kern-btn kern-btn--secondary" to={{ search: searchFor(page + 1) }} rel="next">
              <span className="kern-label">Nächste Seite</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
