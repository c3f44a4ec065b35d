import { describe, expect, it } from 'vitest';
import { copyCsvLine } from './copy.ts';

describe('copyCsvLine', () => {
  it('quotes every text, leaves null empty (NULL) and numbers bare', () => {
    expect(copyCsvLine(['a', null, 7, ''])).toBe('"a",,7,""\n');
  });
  it('doubles quotes and keeps commas, semicolons and line breaks inside the cell', () => {
    expect(copyCsvLine(['Jl. "Mawar", No; 1\nRT 2'])).toBe('"Jl. ""Mawar"", No; 1\nRT 2"\n');
  });
  it('keeps a leading = or + as data (no spreadsheet neutralising)', () => {
    expect(copyCsvLine(['=1+1', '+62'])).toBe('"=1+1","+62"\n');
  });
});
