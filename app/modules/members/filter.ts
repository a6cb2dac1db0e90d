/**
 * Name search for the member list: case-insensitive, and "ue" finds "ü" (and "ü" finds "ue"), as
 * people type umlauts on keyboards without them. Pure, so the list and its tests agree.
 */
export function foldForSearch(text: string): string {
  return text
    .toLocaleLowerCase("de-DE")
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function nameMatches(name: string, query: string | undefined): boolean {
  if (!query) return true;
  return foldForSearch(name).includes(foldForSearch(query));
}

export interface MemberFilter {
  centreId?: string;
  state?: string;
  q?: string;
}

export function memberMatches(member: { name: string; centreId: string; state: string }, filter: MemberFilter): boolean {
  if (filter.centreId && member.centreId !== filter.centreId) return false;
  if (filter.state && member.state !== filter.state) return false;
  return nameMatches(member.name, filter.q);
}

export function isFiltered(filter: MemberFilter): boolean {
  return Boolean(filter.centreId || filter.state || filter.q);
}
