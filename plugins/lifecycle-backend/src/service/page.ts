/** A page of a list (the shape of `Page` in @portico/plugin-portico-common once it lands there). */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}
