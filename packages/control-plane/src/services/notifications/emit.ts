import { createHash } from "node:crypto";
import type { AppContext } from "../../context.js";
import { insertOnce } from "../../models/index.js";
import type { NotificationKind } from "../../models/notification.js";

/**
 * Create a notification once per dedupe key (what happened, to whom, which crossing or period): the key is
 * the document's id, so detecting the same event again inserts nothing. Its channels are fixed now, from
 * the account's settings; a muted kind or an account with no channels creates nothing.
 */
export async function notify(
  ctx: Pick<AppContext, "models">,
  accountId: string,
  kind: NotificationKind,
  dedupeKey: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  const settings = await ctx.models.NotificationSettings.findById(accountId).lean();
  if (settings === null || settings.muted.includes(kind)) return false;
  const channels = [...settings.emails.map((e) => `email:${e}`), ...settings.webhooks.map((w) => `webhook:${w.id}`)];
  if (channels.length === 0) return false;
  const id = `ntf_${createHash("sha256").update(`${accountId}\u0000${kind}\u0000${dedupeKey}`).digest("base64url").slice(0, 24)}`;
  const now = new Date();
  return insertOnce(ctx.models.Notification, {
    _id: id,
    accountId,
    kind,
    data,
    createdAt: now,
    pending: channels,
    delivered: [],
    failed: [],
    attempts: 0,
    nextAttemptAt: now,
  });
}
