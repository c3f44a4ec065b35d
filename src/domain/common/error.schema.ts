import { z } from 'zod';

/** The one error shape every API failure answers with. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine code, e.g. `stage.end_before_start`' }),
      message: z.string().meta({ description: 'Message for the user, in Bahasa Indonesia' }),
      field: z.string().optional().meta({ description: 'The input field concerned, if any' }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Tanggal harus berformat TTTT-BB-HH (mis. 2024-11-27)' })
  .meta({ example: '2024-11-27' });

export const RegionCode = z
  .string()
  .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, {
    message: 'Kode wilayah tidak sah (contoh: 35.13, 35.13.01, 35.13.01.2001)',
  })
  .meta({ example: '35.13.01' });

export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
