import { z } from 'zod';
import { IsoDate } from '../common/error.schema.ts';
import { STAGE_KINDS } from './stage.rules.ts';

export const StageKind = z.enum(STAGE_KINDS);

export const StageInput = z
  .object({
    kind: StageKind.default('lainnya'),
    name: z.string().trim().min(3, { message: 'Nama tahapan minimal 3 huruf' }).max(200),
    startsOn: IsoDate,
    endsOn: IsoDate,
    notes: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'StageBody' });
export type StageInput = z.infer<typeof StageInput>;

export const Stage = z
  .object({
    id: z.number().int(),
    kind: StageKind,
    name: z.string(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    notes: z.string().nullable(),
    phase: z.enum(['selesai', 'berlangsung', 'akan_datang']),
  })
  .meta({ id: 'Stage' });
export type Stage = z.infer<typeof Stage>;

export const StageCalendar = z
  .object({ today: IsoDate, stages: z.array(Stage) })
  .meta({ id: 'StageCalendar' });
export type StageCalendar = z.infer<typeof StageCalendar>;
