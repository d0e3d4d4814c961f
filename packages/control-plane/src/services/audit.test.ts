import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceFixture, type ServiceFixture } from "../../test-support/context.js";
import { audit, countingAudits, listAudit } from "./audit.js";

describe("audit", () => {
  let fx: ServiceFixture;
  beforeAll(async () => {
    fx = await startServiceFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("countingAudits counts the records its own actor's request wrote, not another actor's, nor another request's", async () => {
    const { value, records } = await countingAudits("user:alice", async () => {
      await audit(fx.ctx, "user:alice", "thing.do", "tgt_1", {});
      await audit(fx.ctx, "system:job", "thing.side", "tgt_1", {}); // a write the change caused, by another actor
      await audit(fx.ctx, "user:alice", "thing.again", "tgt_1", {});
      return "done";
    });
    expect(value).toBe("done");
    expect(records).toBe(2);

    // Two requests at once, interleaved: each counts its own.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = countingAudits("user:bob", async () => {
      await gate;
      await audit(fx.ctx, "user:bob", "thing.do", "tgt_2", {});
    });
    const fast = countingAudits("user:bob", async () => {
      await audit(fx.ctx, "user:bob", "thing.do", "tgt_3", {});
      await audit(fx.ctx, "user:bob", "thing.do", "tgt_3", {});
      release();
    });
    expect((await fast).records).toBe(2);
    expect((await slow).records).toBe(1);
    expect((await countingAudits("user:carol", () => Promise.resolve(undefined))).records).toBe(0);
  });

  it("lists the trail newest first, filtered by actor, target, action and time, a page at a time; a cursor belongs to its filters", async () => {
    const base = Date.UTC(2026, 3, 1);
    for (let i = 0; i < 5; i++) {
      await fx.ctx.models.AuditRecord.create({
        _id: `aud_list${i}`,
        actor: "user:dan",
        action: "x.y",
        target: "tgt_list",
        data: {},
        at: new Date(base + i * 1_000),
      });
    }
    const filter = { actor: "user:dan", target: "tgt_list", limit: 2 };
    const first = await listAudit(fx.ctx, filter);
    const second = await listAudit(fx.ctx, { ...filter, cursor: first.nextCursor });
    const third = await listAudit(fx.ctx, { ...filter, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((r) => r._id)).toEqual([
      "aud_list4",
      "aud_list3",
      "aud_list2",
      "aud_list1",
      "aud_list0",
    ]);
    expect(third.nextCursor).toBeUndefined();
    const window = await listAudit(fx.ctx, { target: "tgt_list", from: new Date(base + 1_000), to: new Date(base + 3_000), limit: 10 });
    expect(window.items.map((r) => r._id)).toEqual(["aud_list2", "aud_list1"]);
    await expect(listAudit(fx.ctx, { ...filter, actor: "user:eve", cursor: first.nextCursor })).rejects.toMatchObject({
      problem: { code: "validation_failed" },
    });
  });
});
