import type { AppContext } from "../../context.js";
import { failure, ok, type Outcome } from "../../domain/outcome.js";
import { newId } from "../../ids.js";
import { insertOnce, type PrivacyRequest } from "../../models/index.js";
import { audit } from "../audit.js";
import { collectAccountData } from "./collect.js";

/** The format an export declares itself in: a reader can tell what it holds. */
export const EXPORT_FORMAT = "tollgate.privacy-export/1";
/** How long a produced export waits to be downloaded before the privacy job deletes it. */
export const EXPORT_TTL_MS = 7 * 86_400_000;
/** Characters per stored part: a document far under MongoDB's 16 MB limit each. */
const PART_CHARS = 1_000_000;

/** Ask for an export of everything kept about an account: the privacy job produces it (`pending` until then). */
export async function requestExport(ctx: AppContext, input: { accountId: string; actor: string }): Promise<PrivacyRequest> {
  const request: PrivacyRequest = {
    _id: newId("exp"),
    kind: "export",
    accountId: input.accountId,
    status: "pending",
    actor: input.actor,
    createdAt: new Date(),
  };
  await ctx.models.PrivacyRequest.create(request);
  await audit(ctx, input.actor, "privacy.export.request", input.accountId, { exportId: request._id });
  return request;
}

/**
 * The privacy job's export half: write the document of every pending export, then delete those nobody
 * downloaded in EXPORT_TTL_MS. Idempotent: a run killed midway left parts that the next run replaces whole
 * (an export turns `ready` only once all its parts are written). Answers how many it produced.
 */
export async function produceExports(ctx: AppContext, now = new Date()): Promise<number> {
  const { PrivacyRequest: Requests, PrivacyExportPart: Parts } = ctx.models;
  let produced = 0;
  for (const request of await Requests.find({ kind: "export", status: "pending" }).lean()) {
    const document = {
      format: EXPORT_FORMAT,
      exportId: request._id,
      accountId: request.accountId,
      requestedAt: request.createdAt,
      producedAt: new Date(),
      ...(await collectAccountData(ctx, request.accountId)),
    };
    const text = JSON.stringify(document);
    await Parts.deleteMany({ exportId: request._id });
    const parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
    for (let n = 0; n < parts; n++) {
      await Parts.create({ _id: `${request._id}:${n}`, exportId: request._id, n, text: text.slice(n * PART_CHARS, (n + 1) * PART_CHARS) });
    }
    await Requests.updateOne(
      { _id: request._id },
      { $set: { status: "ready", finishedAt: new Date(), bytes: Buffer.byteLength(text), parts } },
    );
    await audit(ctx, "system:privacy", "privacy.export.ready", request.accountId, { exportId: request._id, parts });
    produced += 1;
  }
  for (const stale of await Requests.find({
    kind: "export",
    status: "ready",
    finishedAt: { $lt: new Date(now.getTime() - EXPORT_TTL_MS) },
  }).lean()) {
    await Parts.deleteMany({ exportId: stale._id });
    await Requests.updateOne({ _id: stale._id }, { $set: { status: "expired" } });
    await audit(ctx, "system:privacy", "privacy.export.expire", stale.accountId, { exportId: stale._id });
  }
  return produced;
}

/**
 * Hand an export's document to staff, once: the first download takes a lock for good (a unique insert, the one
 * exclusion FerretDB keeps), reads the document and deletes it; any other download, at the same time or later,
 * is a `conflict`. A download that dies between the lock and the answer leaves the export spent: ask for another.
 */
export async function downloadExport(
  ctx: AppContext,
  input: { accountId: string; exportId: string; actor: string },
): Promise<Outcome<{ text: string; request: PrivacyRequest }, "not_found" | "conflict">> {
  const { PrivacyRequest: Requests, PrivacyExportPart: Parts } = ctx.models;
  const request = await Requests.findById(input.exportId).lean();
  if (request === null || request.kind !== "export" || request.accountId !== input.accountId)
    return failure("not_found", `No export ${input.exportId} of account ${input.accountId}.`);
  if (request.status === "pending") return failure("conflict", "The export is not ready yet: the privacy job produces it shortly.");
  if (request.status !== "ready")
    return failure("conflict", `The export was ${request.status}: each export is downloaded once. Ask for a new one.`);
  const taken = await insertOnce(ctx.models.Lock, {
    _id: `privacy-download:${request._id}`,
    holder: input.actor,
    expiresAt: new Date(8_640_000_000_000_000),
  });
  if (!taken) return failure("conflict", "The export was downloaded already: each export is downloaded once. Ask for a new one.");
  const parts = await Parts.find({ exportId: request._id }).sort({ n: 1 }).lean();
  const text = parts.map((p) => p.text).join("");
  const downloadedAt = new Date();
  await Requests.updateOne({ _id: request._id }, { $set: { status: "downloaded", downloadedAt, downloadedBy: input.actor } });
  await Parts.deleteMany({ exportId: request._id });
  await audit(ctx, input.actor, "privacy.export.download", input.accountId, { exportId: request._id, bytes: Buffer.byteLength(text) });
  return ok({ text, request: { ...request, status: "downloaded", downloadedAt, downloadedBy: input.actor } });
}

/** An account's privacy requests: its erasure (if any) and its exports, newest first. */
export async function privacyState(ctx: AppContext, accountId: string): Promise<{ erasure?: PrivacyRequest; exports: PrivacyRequest[] }> {
  const requests = await ctx.models.PrivacyRequest.find({ accountId }).sort({ createdAt: -1, _id: -1 }).limit(101).lean();
  const erasure = requests.find((r) => r.kind === "erasure");
  return { ...(erasure ? { erasure } : {}), exports: requests.filter((r) => r.kind === "export").slice(0, 100) };
}
