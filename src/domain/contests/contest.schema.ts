import { z } from 'zod';
import { IsoDate, RegionCode } from '../common/error.schema.ts';
import { CONTEST_KINDS } from './contest.rules.ts';

export const ContestKind = z.enum(CONTEST_KINDS);

export const ContestInput = z
  .object({
    kind: ContestKind,
    name: z.string().trim().min(3, { message: 'Nama pemilihan minimal 3 huruf' }).max(200),
    regionCode: RegionCode,
    votingDay: IsoDate,
  })
  .meta({ id: 'ContestBody' });
export type ContestInput = z.infer<typeof ContestInput>;

export const PairInput = z
  .object({
    ballotNumber: z.number().int({ message: 'Nomor urut harus bilangan bulat' }),
    headName: z.string().trim().min(2, { message: 'Nama calon minimal 2 huruf' }).max(200),
    deputyName: z.string().trim().min(2, { message: 'Nama wakil minimal 2 huruf' }).max(200),
  })
  .meta({ id: 'PairBody' });
export type PairInput = z.infer<typeof PairInput>;

export const CandidatePair = z
  .object({
    id: z.number().int(),
    contestId: z.number().int(),
    ballotNumber: z.number().int().nullable(),
    headName: z.string(),
    deputyName: z.string().nullable(),
    isKolomKosong: z.boolean(),
    label: z.string(),
  })
  .meta({ id: 'CandidatePair' });
export type CandidatePair = z.infer<typeof CandidatePair>;

export const Contest = z
  .object({
    id: z.number().int(),
    kind: ContestKind,
    name: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    votingDay: IsoDate,
    pairs: z.array(CandidatePair),
  })
  .meta({ id: 'Contest' });
export type Contest = z.infer<typeof Contest>;
