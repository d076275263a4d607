import type { Variables } from '../outcome.ts';

/**
 * Zeebe's variable scopes, kept beside bpmn-engine's state because the library's own variables
 * do not reach a parent from a sub-process and are overwritten by every run message.
 *
 * Each element instance that holds local variables (input mappings, a multi-instance element
 * variable, job results before output mappings) has a scope keyed by its bpmn-engine execution
 * id; the process instance itself is the scope `root`.
 */
export const ROOT = 'root';

export interface ScopeRecord {
  parent: string | null;
  variables: Variables;
}

/** Where a live element instance sits: the scope its results go to, and its element id. */
export interface Anchor {
  scope: string;
  elementId: string;
}

export interface ScopeTreeState {
  scopes?: Record<string, ScopeRecord>;
  anchors?: Record<string, Anchor>;
}

export class ScopeTree {
  readonly #scopes: Map<string, ScopeRecord>;
  readonly #anchors: Map<string, Anchor>;

  constructor(state: ScopeTreeState = {}) {
    const copy = structuredClone(state);
    this.#scopes = new Map(Object.entries(copy.scopes ?? {}));
    this.#anchors = new Map(Object.entries(copy.anchors ?? {}));
    if (!this.#scopes.has(ROOT)) this.#scopes.set(ROOT, { parent: null, variables: {} });
  }

  /** The root scope with the instance's start variables. */
  static withVariables(variables: Variables): ScopeTreeState {
    return { scopes: { [ROOT]: { parent: null, variables: structuredClone(variables) } }, anchors: {} };
  }

  anchor(elementInstance: string, scope: string, elementId: string): void {
    this.#anchors.set(elementInstance, { scope: this.#scopes.has(scope) ? scope : ROOT, elementId });
  }

  anchorOf(elementInstance: string): string | undefined {
    return this.#anchors.get(elementInstance)?.scope;
  }

  elementOf(elementInstance: string): string | undefined {
    return this.#anchors.get(elementInstance)?.elementId;
  }

  /** Whether an element instance runs (directly or deeper) inside the scope of another. */
  isInside(elementInstance: string, container: string): boolean {
    let scope = this.anchorOf(elementInstance);
    for (let depth = 0; scope && depth < 100; depth++) {
      if (scope === container) return true;
      scope = this.#scopes.get(scope)?.parent ?? this.anchorOf(scope) ?? undefined;
    }
    return false;
  }

  unanchor(elementInstance: string): void {
    this.#anchors.delete(elementInstance);
  }

  has(scope: string): boolean {
    return this.#scopes.has(scope);
  }

  /** Creates a scope under `parent` unless it exists; returns whether it was created. */
  create(scope: string, parent: string, elementId?: string): boolean {
    if (elementId && !this.#anchors.has(scope)) this.anchor(scope, parent, elementId);
    if (this.#scopes.has(scope)) return false;
    this.#scopes.set(scope, { parent: this.#scopes.has(parent) ? parent : ROOT, variables: {} });
    return true;
  }

  delete(scope: string): void {
    if (scope !== ROOT) this.#scopes.delete(scope);
  }

  local(scope: string): Variables {
    return this.#scopes.get(scope)?.variables ?? {};
  }

  setLocal(scope: string, variables: Variables): void {
    const record = this.#scopes.get(scope);
    if (!record) throw new Error(`no variable scope ${scope}`);
    Object.assign(record.variables, variables);
  }

  /** Everything visible from a scope: its own variables over its parents', up to the root. */
  visible(scope: string): Variables {
    const chain: ScopeRecord[] = [];
    for (let key: string | null = scope; key !== null; ) {
      const record = this.#scopes.get(key);
      if (!record) break;
      chain.push(record);
      key = record.parent;
    }
    const result: Variables = {};
    for (let i = chain.length - 1; i >= 0; i--) Object.assign(result, chain[i]!.variables);
    return result;
  }

  /**
   * Zeebe's propagation: each variable goes up from `scope` to the nearest scope that already
   * holds it and is updated there; a variable no scope holds is created in the root.
   */
  propagate(scope: string, variables: Variables): void {
    for (const [name, value] of Object.entries(variables)) {
      let target = ROOT;
      for (let key: string | null = scope; key !== null; key = this.#scopes.get(key)?.parent ?? null) {
        const record = this.#scopes.get(key);
        if (!record) break;
        if (Object.hasOwn(record.variables, name)) {
          target = key;
          break;
        }
      }
      this.#scopes.get(target)!.variables[name] = value;
    }
  }

  toState(): ScopeTreeState {
    return { scopes: Object.fromEntries(this.#scopes), anchors: Object.fromEntries(this.#anchors) };
  }
}
