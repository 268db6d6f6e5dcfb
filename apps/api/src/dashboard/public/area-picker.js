// The province picker in today's map: the 34 current provinces, then the 63 old ones under "before
// 2025-07" (/dashboard/areas.json). A current province drills down into its communes from 2025-07
// and into its predecessors' districts before; an old province into its own districts.

/** The first month of the 34-province map (Nghị quyết 202/2025/QH15, in force 2025-07-01). */
export const COMMUNES_FROM_MONTH = '2025-07';
export const BEFORE_GROUP = 'before 2025-07';

/** The picker entry of an option value (`44`, or `44-before` for Quảng Bình before 2025-07). */
export function entryOf(provinces, key) {
  return provinces.find((p) => p.key === key);
}

/** The sub-areas the drill-down offers for an entry in the chosen month, and what they are. */
export function subAreasOf(entry, month) {
  if (!entry) return { level: 'district', areas: [] };
  if (entry.group !== BEFORE_GROUP && month >= COMMUNES_FROM_MONTH) return { level: 'commune', areas: entry.communes };
  return { level: 'district', areas: entry.districts };
}

/**
 * The entry and sub-area an address's `area` names: a current province by its code, a district by
 * the old province it belonged to (its own history), a commune by its current province, else an old
 * province by its code.
 */
export function locate(provinces, area) {
  const current = provinces.filter((p) => p.group !== BEFORE_GROUP);
  const old = provinces.filter((p) => p.group === BEFORE_GROUP);
  const province = current.find((p) => p.code === area) ?? old.find((p) => p.code === area);
  if (province) return { key: province.key, district: '' };
  const owner = old.find((p) => p.districts.some((d) => d.code === area)) ?? current.find((p) => p.communes.some((c) => c.code === area));
  return owner ? { key: owner.key, district: area } : undefined;
}

/** Area code → name, today's name winning where a code survived (44 is Quảng Trị, not Quảng Bình). */
export function areaNames(provinces) {
  const names = new Map();
  for (const province of [...provinces].reverse()) {
    names.set(province.code, province.name);
    for (const area of [...province.districts, ...province.communes]) names.set(area.code, area.name);
  }
  return names;
}

/** The province `<select>`'s two groups of options, labelled in the page's language. */
export function provinceGroups(provinces, selectedKey, labels, option) {
  const group = (label, id, entries) => {
    const element = document.createElement('optgroup');
    element.label = label;
    element.dataset.group = id;
    element.replaceChildren(...entries.map((p) => option(p.key, `${p.name} (${p.code})`, p.key === selectedKey)));
    return element;
  };
  return [
    group(labels.current, 'current', provinces.filter((p) => p.group !== BEFORE_GROUP)),
    group(labels.before, BEFORE_GROUP, provinces.filter((p) => p.group === BEFORE_GROUP)),
  ];
}
