import { describe, expect, it } from 'vitest';
import { parseAsnRegister } from './asn-csv.ts';

describe('ASN register CSV', () => {
  it('reads rows and reports bad ones by line', () => {
    const r = parseAsnRegister(
      [
        'nip,nama,instansi,wilayah,tps',
        '197005121995031004,Hadi,Bakesbangpol,35.13.01.2001,TPS 001',
        '197005121995031004,Dup,Dinas Kesehatan,35.13.01.2001,2',
        '1970,Short,,35.13.01,0',
      ].join('\n'),
    );
    expect(r.rows).toEqual([
      {
        line: 2,
        nip: '197005121995031004',
        name: 'Hadi',
        office: 'Bakesbangpol',
        desaCode: '35.13.01.2001',
        tpsNumber: 1,
        phone: null,
      },
    ]);
    expect(r.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'nip', 'asn.duplicate_nip'],
      [4, 'nip', 'asn.nip_format'],
      [4, 'instansi', 'asn.missing_office'],
      [4, 'wilayah', 'asn.wrong_region'],
      [4, 'tps', 'asn.bad_tps'],
    ]);
  });
});
