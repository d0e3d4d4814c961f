import type { AppContext } from "../context.js";
import { newId } from "../ids.js";

export async function audit(ctx: AppContext, actor: string, action: string, target: string, data: Record<string, unknown>): Promise<void> {
  await ctx.models.AuditRecord.create({ _id: newId("aud"), actor, action, target, data, at: new Date() });
}
