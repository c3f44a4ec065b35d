import { describe, expect, it } from 'vitest';
import { formatBytes, photoFileProblem } from './photo-file.ts';

const MB = 1024 * 1024;

describe('photoFileProblem', () => {
  it('takes a JPEG, PNG or WebP up to the limit', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) {
      expect(photoFileProblem({ type, size: 5 * MB }, 5 * MB)).toBeNull();
    }
  });
  it('refuses another type, naming the accepted ones', () => {
    expect(photoFileProblem({ type: 'image/heic', size: 1 }, 5 * MB)).toBe(
      'Foto harus berupa berkas JPEG, PNG, atau WebP.',
    );
  });
  it('refuses a file over the limit, with both sizes in Indonesian notation', () => {
    expect(photoFileProblem({ type: 'image/jpeg', size: 5 * MB + 1 }, 5 * MB)).toBe(
      'Foto terlalu besar (5 MB); paling besar 5 MB.',
    );
    expect(photoFileProblem({ type: 'image/png', size: 12.34 * MB }, 10 * MB)).toBe(
      'Foto terlalu besar (12,3 MB); paling besar 10 MB.',
    );
  });
  it('formats sizes as KB under a megabyte', () => {
    expect(formatBytes(10)).toBe('1 KB');
    expect(formatBytes(820 * 1024)).toBe('820 KB');
  });
});
