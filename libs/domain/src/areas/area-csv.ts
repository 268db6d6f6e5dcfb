import type { Area, AreaLevel } from './area.js';

/** The reference files the ledger ships in `reference-data/` (source and licence in its README). */
export const AREA_REFERENCE_FILES = {
  until: 'areas-until-2025-06-30.csv',
  from: 'areas-from-2025-07-01.csv',
  succession: 'province-succession-2025-07-01.csv',
} as const;

const LEVELS: readonly AreaLevel[] = ['province', 'district', 'commune'];

/**
 * Parses `code,name,level,parentCode` with a header row. Pure: the caller reads the file. Fields may
 * be quoted ("…", with "" for a quote) so that a name holding a comma survives.
 */
export function parseAreaCsv(text: string): Area[] {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const [header, ...lines] = rows;
  if (!header || splitCsvLine(header).join(',') !== 'code,name,level,parentCode') {
    throw new Error('area CSV must start with the header code,name,level,parentCode');
  }
  return lines.map((line, index) => {
    const [code, name, level, parentCode] = splitCsvLine(line);
    if (!code || !name || !LEVELS.includes(level as AreaLevel)) {
      throw new Error(`area CSV line ${index + 2} is not code,name,level,parentCode: ${line}`);
    }
    return parentCode ? { code, name, level: level as AreaLevel, parentCode } : { code, name, level: level as AreaLevel };
  });
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields.map((value) => value.trim());
}
