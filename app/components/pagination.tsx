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
    <nav aria-label={label} className="button-row">
      {page > 1 ? (
        <Link to={{ search: searchFor(page - 1) }} rel="prev">
          Vorherige Seite
        </Link>
      ) : null}
      <span aria-current="page">Seite {page}</span>
      {hasMore ? (
        <Link to={{ search: searchFor(page + 1) }} rel="next">
          Nächste Seite
        </Link>
      ) : null}
    </nav>
  );
}
