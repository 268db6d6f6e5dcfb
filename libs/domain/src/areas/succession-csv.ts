/** One row of the province succession table: which current province took over an old one. */
export interface ProvinceSuccession {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
}

const HEADER = 'oldCode,oldName,newCode,newName';

/**
 * Parses `oldCode,oldName,newCode,newName` with a header row (reference-data/
 * province-succession-2025-07-01.csv, from Nghị quyết 202/2025/QH15). Pure: the caller reads the file.
 * No name in the table holds a comma, so fields are split plainly; a quoted field is refused rather
 * than misread.
 */
export function parseSuccessionCsv(text: string): ProvinceSuccession[] {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const [header, ...lines] = rows;
  if (header?.trim() !== HEADER) throw new Error(`succession CSV must start with the header ${HEADER}`);
  return lines.map((line, index) => {
    const fields = line.split(',').map((field) => field.trim());
    const [oldCode, oldName, newCode, newName] = fields;
    if (fields.length !== 4 || line.includes('"') || !/^\d{2}$/.test(oldCode) || !/^\d{2}$/.test(newCode) || !oldName || !newName) {
      throw new Error(`succession CSV line ${index + 2} is not ${HEADER}: ${line}`);
    }
    return { oldCode, oldName, newCode, newName };
  });
}
