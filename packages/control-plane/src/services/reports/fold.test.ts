import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture } from "../../../test-support/context.js";
import { foldRollups } from "./fold.js";
import { recordLedgerIntent, recordUsageIntent, type BookedCall } from "./intents.js";
import { ROLLUP_COLLECTION, unpack } from "./rollup-format.js";

const call = (iso: string, productId: string, amount: number): BookedCall => ({
  timestamp: new Date(iso),
  productId,
  keyId: "key_AAAAAAAAAAAAAAAA",
  planId: "plan_BBBBBBBBBBBBBBBB",
  units: 2,
  amount,
});

describe("folding intents into rollups", () => {
  let f: ServiceFixture;
  beforeAll(async () => {
    f = await startServiceFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  /** Every rollup's payload, by id, from every rollup collection. */
  async function rollups(): Promise<Record<string, unknown>> {
    const { Rollups } = f.ctx.models;
    const names = await Rollups.names(ROLLUP_COLLECTION);
    const all = (await Promise.all(names.map((name) => Rollups.collection(name).find({}).toArray()))).flat();
    return Object.fromEntries(all.map((d) => [d._id, unpack(d.payload)]));
  }

  /** The ids of the rollups kept in one collection. */
  async function idsIn(name: string): Promise<string[]> {
    const docs = await f.ctx.models.Rollups.collection(name)
      .find({}, { projection: { _id: 1 } })
      .toArray();
    return docs.map((d) => d._id).sort();
  }

  it("a fold repeated after its process died before deleting its intents adds nothing twice", async () => {
    const s = await f.seedAccount({ pricePerCall: 10, balance: 5_000 }); // its credit records a money intent
    for (const [i, calls] of [
      [call("2026-05-01T10:15:00Z", "search", 7), call("2026-05-01T10:45:00Z", "search", 7), call("2026-05-02T00:05:00Z", "files", 30)],
      [call("2026-05-01T10:20:00Z", "files", 30)],
    ].entries()) {
      await recordUsageIntent(f.ctx, { _id: `led_fold${i}`, accountId: s.accountId, currency: "USD" }, calls);
    }
    const pending = await f.ctx.models.RollupIntent.find({}).lean();
    expect(pending).toHaveLength(3);
    expect(await foldRollups(f.ctx)).toBe(3);
    const once = await rollups();
    expect(once[`ud|product|USD|2026-05-01`]).toEqual({ g: { search: [2, 4, 14], files: [1, 2, 30] } });
    expect(once[`um|account|USD|2026-05`]).toEqual({ g: { [s.accountId]: [4, 8, 74] } });
    const ten = Date.parse("2026-05-01T10:00:00Z");
    // Hour by hour: the first hour, then per group a run of (hours after it, calls, units, amount).
    expect(once[`uh|plan|USD|2026-05-01`]).toEqual({ s: ten, g: { plan_BBBBBBBBBBBBBBBB: [0, 3, 6, 44] } });
    // An account's day names its products, keys and plans once and lists (hour, product, key, plan, figures).
    expect(once[`ua|${s.accountId}|USD|2026-05-01`]).toEqual({
      s: ten,
      p: ["search", "files"],
      k: ["key_AAAAAAAAAAAAAAAA"],
      l: ["plan_BBBBBBBBBBBBBBBB"],
      c: [0, 0, 0, 0, 2, 4, 14, 0, 1, 0, 0, 1, 2, 30],
    });

    // The intents come back as a process dying after its writes, before its deletes, leaves them.
    await f.ctx.models.RollupIntent.collection.insertMany(pending as unknown as Record<string, unknown>[]);
    await foldRollups(f.ctx);
    expect(await rollups()).toEqual(once);
    expect(await f.ctx.models.RollupIntent.countDocuments({})).toBe(0);
    // Each rollup lives in the collection of its period and kind.
    const dims = ["account", "key", "plan", "product"];
    expect(await idsIn("rollups_2026_05_01")).toEqual(dims.map((d) => `ud|${d}|USD|2026-05-01`));
    expect(await idsIn("rollup_hours_2026_05_02")).toEqual(dims.map((d) => `uh|${d}|USD|2026-05-02`));
    expect(await idsIn("account_rollups_2026_05_01")).toEqual([`ua|${s.accountId}|USD|2026-05-01`]);
    expect(await idsIn("rollups_2026_05")).toEqual(dims.map((d) => `um|${d}|USD|2026-05`));
  });

  it("late usage of a past day adds to its rollups once, where they are", async () => {
    const s = await f.seedAccount({ pricePerCall: 10 });
    const before = (await rollups())["ud|product|USD|2026-05-01"] as { g: Record<string, number[]> };
    await recordUsageIntent(f.ctx, { _id: "led_late", accountId: s.accountId, currency: "USD" }, [
      call("2026-05-01T23:59:00Z", "search", 7),
    ]);
    await foldRollups(f.ctx);
    const after = (await rollups())["ud|product|USD|2026-05-01"] as { g: Record<string, number[]> };
    expect(after.g.search).toEqual([before.g.search![0]! + 1, before.g.search![1]! + 2, before.g.search![2]! + 7]);
    // Still one rollup of that day and product, and a repeated booking of the entry records nothing more.
    expect(await idsIn("rollups_2026_05_01")).toHaveLength(4);
    await recordUsageIntent(f.ctx, { _id: "led_late", accountId: s.accountId, currency: "USD" }, [
      call("2026-05-01T23:59:00Z", "search", 7),
    ]);
    expect(await f.ctx.models.RollupIntent.countDocuments({})).toBe(0);
  });

  it("a money movement recorded again after its fold is listed once, on its day", async () => {
    const entries = await f.ctx.models.LedgerEntry.find({ type: "credit" }).lean();
    for (const entry of entries) await recordLedgerIntent(f.ctx, entry);
    await foldRollups(f.ctx);
    const day = (await rollups())[`ld|USD|${entries[0]!.createdAt.toISOString().slice(0, 10)}`] as { e: unknown[][] };
    expect(day.e.map((item) => item[0])).toEqual(entries.map((e) => e._id));
    expect(day.e[0]!.slice(2, 5)).toEqual(["credit", "admin", 5_000]);
  });
});
