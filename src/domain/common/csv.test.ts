import { describe, expect, it } from 'vitest';
import { csvCell, toCsvText } from './csv.ts';

describe('toCsvText', () => {
  it('neutralises every formula lead (OWASP): = + - @ tab CR and full-width forms', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) {
      const cell = `${lead}HYPERLINK("http://evil.example/x","klik")`;
      const line = toCsvText([[cell]]);
      expect(line.startsWith('"\'') || line.startsWith("'"), JSON.stringify(line)).toBe(true);
    }
    expect(csvCell('=HYPERLINK("http://evil.example/x","klik")')).toBe(
      '"\'=HYPERLINK(""http://evil.example/x"",""klik"")"',
    );
  });
  it('leaves plain text and numbers alone, negative numbers included', () => {
    expect(toCsvText([['Sukapura', 12, -3, null, 'a-b']])).toBe('Sukapura;12;-3;;a-b\r\n');
  });
  it('quotes delimiters, quotes and line breaks; adds a BOM on request', () => {
    expect(toCsvText([['a;b', 'say "hi"', 'x\ny']], { bom: true })).toBe(
      '\uFEFF"a;b";"say ""hi""";"x\ny"\r\n',
    );
    expect(csvCell('a,b')).toBe('"a,b"');
  });
  it('formats numbers per column when asked', () => {
    expect(
      toCsvText([[1, 0.4567]], {
        number: (v, i) => (i === 1 ? (v * 100).toFixed(2).replace('.', ',') : String(v)),
      }),
    ).toBe('1;45,67\r\n');
  });
});
