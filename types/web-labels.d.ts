// web/labels.js is plain JavaScript the browser loads as it is; the tests read its tables.
declare module '*/web/labels.js' {
  type Names = Record<string, readonly [string, string]>;
  export const roleNames: Names;
  export const stageNames: Names;
  export const outcomeNames: Names;
  export const categoryNames: Names;
}
