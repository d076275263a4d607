/**
 * A generated API type as it travels on the wire: the SDK's branded keys (`ProcessInstanceKey`,
 * `TenantId`, ...) become plain strings; every field name and literal stays checked. The SDK's
 * own `Loose<T>` misses brands on optional fields, so test expectations use this instead.
 */
export type Wire<T> = T extends string & { readonly __brand: unknown }
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;
