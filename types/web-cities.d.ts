// web/cities.js is plain JavaScript the browser loads as it is; test/web/cities.test.ts reads its list.
declare module '*/web/cities.js' {
  export const jiangsuCities: ReadonlyArray<readonly [string, string, string]>;
  export function cityName(code: string): [string, string];
}
