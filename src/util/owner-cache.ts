/**
 * Values computed on first use, per owner object (an index, a name context) and key, and
 * dropped with their owner. Each owner's map is cleared when it reaches `maxPerOwner`, so
 * memory stays bounded however many keys are asked for.
 */
export class OwnerCache<O extends object, K, V> {
  private readonly byOwner = new WeakMap<O, Map<K, V>>();

  constructor(private readonly maxPerOwner: number) {}

  /** The cached value, computing and storing it when absent. */
  get(owner: O, key: K, compute: () => V): V {
    let map = this.byOwner.get(owner);
    if (!map) {
      map = new Map();
      this.byOwner.set(owner, map);
    }
    let value = map.get(key);
    if (value === undefined) {
      value = compute();
      if (map.size >= this.maxPerOwner) map.clear();
      map.set(key, value);
    }
    return value;
  }
}
