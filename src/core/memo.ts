// Values computed once per owner and key. Owners are catalogs and their models, which never change once
// built (a reload builds new ones), so a kept value stays true for as long as its owner is referenced.
export function memoPerOwner<O extends object, K, V>(): (owner: O, key: K, compute: () => V) => V {
	const byOwner = new WeakMap<O, Map<K, V>>();
	return (owner, key, compute) => {
		let byKey = byOwner.get(owner);
		if (!byKey) {
			byKey = new Map();
			byOwner.set(owner, byKey);
		}
		let value = byKey.get(key);
		if (value === undefined) {
			value = compute();
			byKey.set(key, value);
		}
		return value;
	};
}
