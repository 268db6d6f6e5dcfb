import type { Statement, StatementBalance, StatementLine } from '../statement.js';

/**
 * Writes a statement as camt.053 XML (message version 001.08 by default, or 001.02), the way a bank
 * would send it: booked entries with the bank's reference, the debtor's name and account for a
 * credit, the creditor's for a debit, and the transfer text as unstructured remittance information.
 */
export function writeCamt053(statement: Statement, options: { version?: '02' | '08'; currency?: string; created?: string } = {}): string {
  const version = options.version ?? '08';
  const ccy = options.currency ?? 'VND';
  const created = options.created ?? `${statement.header.closing?.date ?? statement.lines[0]?.bookingDate ?? '2000-01-01'}T23:59:59+07:00`;
  const party = (tag: string, name: string) => (version === '02' ? `<${tag}><Nm>${esc(name)}</Nm></${tag}>` : `<${tag}><Pty><Nm>${esc(name)}</Nm></Pty></${tag}>`);
  const status = version === '02' ? '<Sts>BOOK</Sts>' : '<Sts><Cd>BOOK</Cd></Sts>';
  const balance = (code: string, bal: StatementBalance) => {
    const negative = bal.amount.startsWith('-');
    return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${ccy}">${negative ? bal.amount.slice(1) : bal.amount}</Amt><CdtDbtInd>${negative ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${bal.date}</Dt></Dt></Bal>`;
  };
  const entry = (l: StatementLine) => {
    const credit = l.direction === 'credit';
    const parties = [
      l.counterpartyName ? party(credit ? 'Dbtr' : 'Cdtr', l.counterpartyName) : '',
      l.counterpartyAccount ? `<${credit ? 'DbtrAcct' : 'CdtrAcct'}><Id><Othr><Id>${esc(l.counterpartyAccount)}</Id></Othr></Id></${credit ? 'DbtrAcct' : 'CdtrAcct'}>` : '',
    ].join('');
    return [
      `<Ntry><Amt Ccy="${ccy}">${l.amount}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>${status}`,
      `<BookgDt><Dt>${l.bookingDate}</Dt></BookgDt><ValDt><Dt>${l.valueDate}</Dt></ValDt><AcctSvcrRef>${esc(l.bankRef)}</AcctSvcrRef>`,
      `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${credit ? 'RCDT' : 'CCRD'}</Cd><SubFmlyCd>${credit ? 'DMCT' : 'CHRG'}</SubFmlyCd></Fmly></Domn></BkTxCd>`,
      `<NtryDtls><TxDtls><Refs><AcctSvcrRef>${esc(l.bankRef)}</AcctSvcrRef></Refs>`,
      parties ? `<RltdPties>${parties}</RltdPties>` : '',
      l.description ? `<RmtInf><Ustrd>${esc(l.description)}</Ustrd></RmtInf>` : '',
      '</TxDtls></NtryDtls></Ntry>',
    ].join('');
  };
  const h = statement.header;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `<BkToCstmrStmt><GrpHdr><MsgId>${esc(h.statementId)}</MsgId><CreDtTm>${created}</CreDtTm></GrpHdr>`,
    `<Stmt><Id>${esc(h.statementId)}</Id><CreDtTm>${created}</CreDtTm>`,
    `<Acct><Id><Othr><Id>${esc(h.account)}</Id></Othr></Id><Ccy>${ccy}</Ccy></Acct>`,
    h.opening ? balance('OPBD', h.opening) : '',
    h.closing ? balance('CLBD', h.closing) : '',
    ...statement.lines.map(entry),
    '</Stmt></BkToCstmrStmt></Document>',
    '',
  ].join('\n');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
