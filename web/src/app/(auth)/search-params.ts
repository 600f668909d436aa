/** A page's query parameters as Next passes them to a server component. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
