import { z } from 'zod';

export const Settings = z
  .object({
    regencyCode: z.string().nullable(),
    regencyName: z.string().nullable(),
    maxVotersPerTps: z.number().int(),
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof Settings>;
