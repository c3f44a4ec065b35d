/** Indonesian formatting shared by server messages and the web pages. */
const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** `2024-11-27` → `27 November 2024`. */
export function formatTanggal(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  const bulan = BULAN[Number(m) - 1];
  if (y === undefined || d === undefined || bulan === undefined) return isoDate;
  return `${String(Number(d))} ${bulan} ${y}`;
}

/** `872218` → `872.218`. */
export function formatAngka(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [int, frac] = Math.abs(n).toString().split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac === undefined ? `${sign}${grouped}` : `${sign}${grouped},${frac}`;
}

/** `1` → `TPS 001`. */
export function formatTps(number: number): string {
  return `TPS ${String(number).padStart(3, '0')}`;
}

/** Roman numerals for Korwil ordinals (1 → I). */
export function romawi(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = n;
  let out = '';
  for (const [value, sym] of table) {
    while (rest >= value) {
      out += sym;
      rest -= value;
    }
  }
  return out;
}
