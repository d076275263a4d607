import { request, type Cancelable } from './request.ts';

/** Items per page; the API's default is 100. */
export const PAGE_SIZE = 200;
/** A case has tens of elements; more than this is a bug or a runaway loop, not a timeline. */
export const MAX_ITEMS = 10_000;

/** Search results are eventually consistent; we read what is there now rather than poll. */
export const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** Reads every page of a search with offset pagination, up to {@link MAX_ITEMS}. */
export async function searchAll<T>(
  what: string,
  timeoutMs: number,
  page: (page: { from: number; limit: number }) => Cancelable<{ items?: T[]; page: { totalItems: number } }>,
): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const result = await request(what, timeoutMs, () => page({ from: all.length, limit: PAGE_SIZE }));
    const items = result.items ?? [];
    all.push(...items);
    if (!items.length || all.length >= result.page.totalItems || all.length >= MAX_ITEMS) return all;
  }
}
