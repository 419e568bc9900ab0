/**
 * The next member of a team after the one who got the last ticket, in a stable order (by
 * ref). A member who left is skipped over naturally: the next ref after theirs is taken.
 */
export function nextAssignee(members: string[], last: string | undefined): string | undefined {
  const sorted = [...new Set(members)].sort();
  if (sorted.length === 0) return undefined;
  if (last === undefined) return sorted[0];
  return sorted.find(member => member > last) ?? sorted[0];
}
