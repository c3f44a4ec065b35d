/**
 * The desk's organisation (seed 000): a ketua (the Sekda), a sekretaris (the
 * Kepala Bakesbangpol), one chair per Korwil (the Bupati's assistants),
 * members, and a pembina for every kecamatan. One person per ketua,
 * sekretaris, Korwil-chair and pembina seat; any number of members.
 */
export const DESK_ROLES = ['ketua', 'sekretaris', 'ketua_korwil', 'anggota', 'pembina'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export const DESK_ROLE_LABEL: Record<DeskRole, string> = {
  ketua: 'Ketua',
  sekretaris: 'Sekretaris',
  ketua_korwil: 'Ketua Korwil',
  anggota: 'Anggota',
  pembina: 'Pembina kecamatan',
};

/** Where a desk seat sits: the whole desk, a Korwil, or a kecamatan. */
export function seatPlace(role: DeskRole): 'desk' | 'korwil' | 'kecamatan' {
  if (role === 'ketua_korwil') return 'korwil';
  if (role === 'pembina') return 'kecamatan';
  return 'desk';
}

export interface DeskGap {
  readonly role: DeskRole;
  readonly korwilId: number | null;
  readonly kecamatanCode: string | null;
  readonly message: string;
}

/** Seats of the desk still empty: ketua, sekretaris, each Korwil's chair, each kecamatan's pembina. */
export function deskGaps(
  held: readonly { role: DeskRole; korwilId: number | null; kecamatanCode: string | null }[],
  korwil: readonly { id: number; name: string }[],
  kecamatan: readonly { code: string; name: string }[],
): DeskGap[] {
  const gaps: DeskGap[] = [];
  const has = (role: DeskRole, pred: (h: (typeof held)[number]) => boolean = () => true) =>
    held.some((h) => h.role === role && pred(h));
  if (!has('ketua'))
    gaps.push({
      role: 'ketua',
      korwilId: null,
      kecamatanCode: null,
      message: 'Ketua desk belum diisi.',
    });
  if (!has('sekretaris'))
    gaps.push({
      role: 'sekretaris',
      korwilId: null,
      kecamatanCode: null,
      message: 'Sekretaris desk belum diisi.',
    });
  for (const k of korwil) {
    if (!has('ketua_korwil', (h) => h.korwilId === k.id))
      gaps.push({
        role: 'ketua_korwil',
        korwilId: k.id,
        kecamatanCode: null,
        message: `${k.name} belum mempunyai ketua.`,
      });
  }
  for (const k of kecamatan) {
    if (!has('pembina', (h) => h.kecamatanCode === k.code))
      gaps.push({
        role: 'pembina',
        korwilId: null,
        kecamatanCode: k.code,
        message: `Kecamatan ${k.name} belum mempunyai pembina.`,
      });
  }
  return gaps;
}
