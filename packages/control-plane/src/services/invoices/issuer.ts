import type { AppContext } from "../../context.js";
import { unlessDuplicate, type IssuerDetails, type IssuerProfile } from "../../models/index.js";
import { audit } from "../audit.js";

/** The one issuer documents are numbered under today. */
export const ISSUER = "tollgate";

/** What documents say of their issuer until the profile is set in the console. */
const UNSET: IssuerDetails = { legalName: "Tollgate", dueDays: 14 };

/** The issuer profile documents are issued under, and whether anybody has set it. */
export async function getIssuerProfile(ctx: AppContext, issuer = ISSUER): Promise<{ profile: IssuerDetails; updatedAt?: Date }> {
  const stored = await ctx.models.IssuerProfile.findById(issuer).lean();
  if (stored === null) return { profile: UNSET };
  const { _id, updatedAt, ...profile } = stored;
  return { profile, updatedAt };
}

/** Replace the issuer profile (the next documents finalized print it; finalized ones keep theirs). Audited. */
export async function setIssuerProfile(ctx: AppContext, profile: IssuerDetails, actor: string): Promise<IssuerProfile> {
  const doc: IssuerProfile = { _id: ISSUER, ...dropUndefined(profile), updatedAt: new Date() };
  // Two first settings at once: one inserts, the other's upsert meets its id and replaces it (the last one stands).
  const write = () => ctx.models.IssuerProfile.findOneAndReplace({ _id: ISSUER }, doc, { upsert: true, returnDocument: "after" }).lean();
  const stored = (await unlessDuplicate(write))?.value ?? (await write());
  const { logo, ...logged } = profile;
  await audit(ctx, actor, "issuer_profile.update", ISSUER, { ...logged, ...(logo ? { logo: `${logo.length} characters` } : {}) });
  return stored;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
