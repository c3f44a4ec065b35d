import { z } from 'zod';
import { RegionCode } from '../common/error.schema.ts';

export const TpsInput = z
  .object({
    desaCode: RegionCode,
    number: z.number().int({ message: 'Nomor TPS harus bilangan bulat' }),
    voters: z.number().int({ message: 'Jumlah pemilih harus bilangan bulat' }),
    address: z.string().trim().max(300).optional(),
  })
  .meta({ id: 'TpsBody' });
export type TpsInput = z.infer<typeof TpsInput>;

export const TpsUpdate = TpsInput.omit({ desaCode: true }).partial().meta({ id: 'TpsUpdate' });
export type TpsUpdate = z.infer<typeof TpsUpdate>;

export const TpsRetire = z
  .object({ reason: z.string().trim().min(3, { message: 'Alasan minimal 3 huruf' }).max(500) })
  .meta({ id: 'TpsRetire' });
export type TpsRetire = z.infer<typeof TpsRetire>;

export const Tps = z
  .object({
    id: z.number().int(),
    desaCode: z.string(),
    number: z.number().int(),
    label: z.string().meta({ example: 'TPS 001' }),
    voters: z.number().int(),
    address: z.string().nullable(),
    status: z.enum(['aktif', 'nonaktif']),
    retiredReason: z.string().nullable(),
  })
  .meta({ id: 'Tps' });
export type Tps = z.infer<typeof Tps>;

/** One TPS as its page shows it: with the names of its desa and kecamatan. */
export const TpsDetail = Tps.extend({
  desaName: z.string().nullable().meta({ example: 'Ngadisari' }),
  kecamatanName: z.string().nullable().meta({ example: 'Sukapura' }),
}).meta({ id: 'TpsDetail' });
export type TpsDetail = z.infer<typeof TpsDetail>;
