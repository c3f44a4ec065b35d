import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABEL,
  AUDIT_TARGET_LABEL,
  auditActionLabel,
  auditTargetLabel,
} from './audit-labels.ts';
import { NEWS_ACTIONS } from '../news/news.ts';

const SERVER = fileURLToPath(new URL('../../server', import.meta.url));

/** The server's source files, tests left out. */
function serverSources(dir = SERVER): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serverSources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('audit labels', () => {
  it('name every action and target type the server records', () => {
    const actions = new Set<string>();
    const targets = new Set<string>();
    for (const file of serverSources()) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) actions.add(m[1] ?? '');
      for (const m of text.matchAll(/action: [^,\n]*\? '([a-z_.]+)' : '([a-z_.]+)'/g)) {
        actions.add(m[1] ?? '');
        actions.add(m[2] ?? '');
      }
      for (const m of text.matchAll(/targetType: '([a-z_]+)'/g)) targets.add(m[1] ?? '');
    }
    // Built at run time: `${kind}.compile` and `news.${action}`.
    for (const a of ['dps.compile', 'dpt.compile', ...NEWS_ACTIONS.map((n) => `news.${n}`)]) {
      actions.add(a);
    }
    expect(actions.size).toBeGreaterThan(50);
    expect([...actions].filter((a) => !Object.hasOwn(AUDIT_ACTION_LABEL, a))).toEqual([]);
    expect([...targets].filter((t) => !Object.hasOwn(AUDIT_TARGET_LABEL, t))).toEqual([]);
  });

  it('reads as Indonesian words, never as the raw code', () => {
    expect(auditActionLabel('problem.report')).toBe('Laporan masalah baru');
    expect(auditActionLabel('result.verify')).toBe('Verifikasi C.Hasil');
    for (const label of Object.values(AUDIT_ACTION_LABEL)) {
      expect(label).not.toMatch(/[a-z]+\.[a-z_]+|_/);
    }
    expect(auditActionLabel('http.post /api/tps')).toBe('Permintaan POST /api/tps');
    expect(auditActionLabel('baru.sekali')).toBe('Tindakan lain (baru.sekali)');
    expect(auditActionLabel('constructor')).toBe('Tindakan lain (constructor)');
  });

  it('names the target with its number or code', () => {
    expect(auditTargetLabel('problem', '16')).toBe('laporan masalah #16');
    expect(auditTargetLabel('tps', '42')).toBe('TPS 42');
    expect(auditTargetLabel('desa', '35.13.01.2001')).toBe('desa 35.13.01.2001');
    expect(auditTargetLabel('regency', null)).toBe('kabupaten');
    expect(auditTargetLabel(null, null)).toBe('–');
    expect(auditTargetLabel('zzz', '1')).toBe('sasaran lain (zzz) 1');
  });
});
