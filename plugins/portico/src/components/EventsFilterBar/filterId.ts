/** A stable id for a filter's input, so that its label names it for assistive technology. */
export function filterId(label: string): string {
  return `portico-events-filter-${label.toLowerCase().replace(/\W+/g, '-')}`;
}
