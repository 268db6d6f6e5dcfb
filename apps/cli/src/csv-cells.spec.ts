import { spreadsheetSafe } from './csv-cells.js';

describe('spreadsheetSafe', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+SUM(A1:A2)', "'+SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝1+1', "'＝1+1"],
    ['－1', "'－1"],
    ['-', "'-"],
    ['+', "'+"],
    ['-1e3', "'-1e3"],
  ])('quotes %j as a formula start', (cell, safe) => {
    expect(spreadsheetSafe(cell)).toBe(safe);
  });

  it.each(['-1000', '+1000', '-12.5', '1000000000000000000', '0', 'CT-1', 'Khớp', '', ' =1', "'=1", '2023-10-05', 'a=b'])('leaves %j as it is', (cell) => {
    expect(spreadsheetSafe(cell)).toBe(cell);
  });
});
