import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingCallOf, jobs, packCalls, ROLLUP_COLLECTION, storeUsageEvents } from "@tollgate/control-plane";
import { decimalAmount, type UsageReport } from "@tollgate/sdk";
import { call } from "./support/http.js";
import { ADMIN_TOKEN } from "./support/env.js";
import { startStack, usageIngested, type Seeded, type Stack } from "./support/stack.js";

const products = [
  { id: "search", path: "/search", price: { unitPrice: 1_000 } },
  { id: "files", path: "/files/*", price: { unitPrice: 2_500 } },
];
const catalog = { products, unmatched: { action: "price", price: { unitPrice: 100 } } };

/** An independent bucket label: the local wall clock of an instant in a zone, cut to the bucket. */
function label(zone: string, bucket: "hour" | "day" | "month", at: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const day = `${get("year")}-${get("month")}-${get("day")}`;
  return bucket === "month" ? day.slice(0, 7) : bucket === "day" ? day : `${day} ${get("hour")}`;
}

type Figures = [number, number, number];
function addTo(map: Map<string, Figures>, key: string, calls: number, units: number, amount: number): void {
  const f = map.get(key) ?? [0, 0, 0];
  map.set(key, [f[0] + calls, f[1] + units, f[2] + amount]);
}

describe("reports read the rollups and agree with the raw events and the ledger", () => {
  let stack: Stack;
  let a: Seeded;
  let b: Seeded;
  let secondKeyOfA: { id: string; key: string };
  const history = { from: "2026-03-06T00:00:00Z", to: "2026-03-10T00:00:00Z" };

  const get = (s: { key: string }, path: string) => call(`${stack.gatewayUrl}${path}`, { headers: { "x-api-key": s.key } });

  beforeAll(async () => {
    stack = await startStack();
    a = await stack.seedCatalog(catalog, 1_000_000);
    b = await stack.seedCatalog(catalog, 500_000);
    secondKeyOfA = await stack.admin.createApiKey(a.accountId, { name: "second" });

    // Live calls through the gateway.
    for (let i = 0; i < 7; i++) expect((await get(a, "/search")).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await get(a, "/files/x")).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await get(secondKeyOfA, "/search")).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await get(secondKeyOfA, "/nowhere")).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await get(b, "/files/y")).status).toBe(200);
    await usageIngested(stack, 21);

    // A past: calls every 37 minutes over three days of March 2026, across midnights in every zone and New
    // York's change to summer time (2026-03-08T07:00Z), as the ingester would have stored them.
    const start = Date.parse("2026-03-06T12:00:00Z");
    const past = Array.from({ length: 110 }, (_, i) => ({
      _id: `evt_past_${i}`,
      accountId: b.accountId,
      keyId: b.keyId,
      planId: b.planId,
      currency: "USD",
      amount: i % 3 === 0 ? 2_500 : 1_000,
      method: "GET",
      path: i % 3 === 0 ? "/files/z" : "/search",
      productId: i % 3 === 0 ? "files" : "search",
      units: 1 + (i % 4),
      timestamp: new Date(start + i * 37 * 60_000),
      ingestedAt: new Date(),
    }));
    await storeUsageEvents(stack.ctx.models, past);

    // Top-ups by two methods: an admin credit and a voucher.
    await stack.admin.creditWallet(b.walletId, { amount: 123_000 }, { idempotencyKey: "report-credit" });
    const { codes } = await stack.admin.createVoucherBatch({
      amount: 50_000,
      currency: "USD",
      count: 1,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await stack.consumer(a.key).redeemVoucher(codes[0]!);

    await jobs.bookUsage(stack.ctx);
    await jobs.bookUsage(stack.ctx); // folds what was recorded after the first pass
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** The expected report, computed from the booked raw events. */
  async function fromRawEvents(
    zone: string,
    bucket: "hour" | "day" | "month",
    groupBy: string,
    from: string,
    to: string,
    accountId?: string,
  ) {
    const booked = (await stack.ctx.models.CallAssignment.find({}, { _id: 1 }).lean()).map((c) => c._id);
    const events = await stack.ctx.models.UsageEvent.find({
      _id: { $in: booked },
      timestamp: { $gte: new Date(from), $lt: new Date(to) },
      ...(accountId ? { accountId } : {}),
    }).lean();
    const expected = new Map<string, Figures>();
    for (const e of events) {
      const group =
        groupBy === "none"
          ? ""
          : groupBy === "account"
            ? e.accountId
            : groupBy === "product"
              ? (e.productId ?? "(unmatched)")
              : groupBy === "key"
                ? e.keyId
                : e.planId;
      addTo(expected, `${label(zone, bucket, e.timestamp)}|${group}`, 1, e.units ?? 1, e.amount);
    }
    return expected;
  }

  function fromReport(report: UsageReport, zone: string, bucket: "hour" | "day" | "month") {
    const got = new Map<string, Figures>();
    for (const row of report.rows) {
      if (row.calls === 0 && row.amount === 0) continue; // ungrouped reports list empty buckets too
      addTo(got, `${label(zone, bucket, new Date(row.bucketStart))}|${row.group ?? ""}`, row.calls, row.units, row.amount);
    }
    return got;
  }

  it("usage per bucket and group equals the raw events, in any whole-hour zone, hour to month", async () => {
    for (const timeZone of ["UTC", "America/New_York", "Asia/Tokyo"]) {
      for (const bucket of ["hour", "day", "month"] as const) {
        for (const groupBy of ["none", "account", "product", "key", "plan"] as const) {
          const report = await stack.admin.getUsageReport({ ...history, timeZone, bucket, groupBy, top: 1_000 });
          const expected = await fromRawEvents(timeZone, bucket, groupBy, history.from, history.to);
          expect(fromReport(report, timeZone, bucket), `${timeZone} ${bucket} ${groupBy}`).toEqual(expected);
        }
      }
    }
  });

  it("one account's report (admin, or the account's own key) holds only its usage, and agrees with the same query over all", async () => {
    const range = { from: "2026-01-01T00:00:00Z", to: new Date(Date.now() + 3_600_000).toISOString().slice(0, 13) + ":00:00Z" };
    const mine = await stack.consumer(secondKeyOfA.key).getUsageReport({ ...range, bucket: "month", groupBy: "key" });
    expect(mine.accountId).toBe(a.accountId);
    expect(new Set(mine.groups.map((g) => g.group))).toEqual(new Set([a.keyId, secondKeyOfA.id]));
    expect(mine.totals).toEqual([{ currency: "USD", calls: 16, units: 16, amount: 7 * 1_000 + 3 * 2_500 + 4 * 1_000 + 2 * 100 }]);
    const byAdmin = await stack.admin.getUsageReport({ ...range, bucket: "month", groupBy: "key", accountId: a.accountId });
    expect(byAdmin.rows).toEqual(mine.rows);
    for (const groupBy of ["product", "plan", "none"] as const) {
      for (const bucket of ["hour", "day"] as const) {
        const q = { from: history.from, to: history.to, bucket, groupBy, timeZone: "America/New_York" };
        const own = await stack.admin.getUsageReport({ ...q, accountId: b.accountId });
        expect(fromReport(own, q.timeZone, bucket)).toEqual(await fromRawEvents(q.timeZone, bucket, groupBy, q.from, q.to, b.accountId));
      }
    }
    const other = await call(`${stack.controlPlaneUrl}/v1/reports/usage?accountId=${b.accountId}`, {
      headers: { authorization: `Bearer ${a.key}` },
    });
    expect(other.status).toBe(403);
  });

  it("top N keeps the largest groups and sums the rest as (other)", async () => {
    const all = await stack.admin.getUsageReport({ ...history, bucket: "day", groupBy: "product", top: 1_000 });
    const top1 = await stack.admin.getUsageReport({ ...history, bucket: "day", groupBy: "product", top: 1 });
    const ranked = [...all.groups].sort((x, y) => y.amount - x.amount);
    expect(top1.groups[0]).toEqual(ranked[0]);
    const rest = ranked.slice(1).reduce((s, g) => s + g.amount, 0);
    expect(top1.groups[1]).toMatchObject({ group: "(other)", amount: rest });
    expect(top1.totals).toEqual(all.totals);
  });

  it("all booked usage, summed over the reports, equals the ledger's usage entries", async () => {
    const range = { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" };
    const report = await stack.admin.getUsageReport({ ...range, bucket: "month" });
    const entries = await stack.ctx.models.LedgerEntry.find({ type: "usage", usageCount: { $gt: 0 } }).lean();
    expect(report.totals[0]!.amount).toBe(-entries.reduce((s, e) => s + e.amount, 0));
    expect(report.totals[0]!.calls).toBe(entries.reduce((s, e) => s + e.usageCount!, 0));
    expect(report.totals[0]!.calls).toBe(131);
  });

  it("recharges: every top-up with its method, totals and averages per method, frequency per account", async () => {
    const report = await stack.admin.getRechargeReport({ from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", bucket: "month" });
    const credits = await stack.ctx.models.LedgerEntry.find({ type: "credit" }).lean();
    expect(new Set(report.topUps.map((t) => t.entryId))).toEqual(new Set(credits.map((c) => c._id)));
    const voucher = report.totals.find((t) => t.method === "voucher")!;
    expect(voucher).toEqual({ currency: "USD", method: "voucher", count: 1, total: 50_000, average: 50_000 });
    const admin = report.totals.find((t) => t.method === "admin")!;
    expect(admin).toMatchObject({ count: 3, total: 1_000_000 + 500_000 + 123_000, average: 541_000 });
    expect(report.accounts.find((x) => x.accountId === b.accountId)).toMatchObject({ count: 2, total: 623_000 });
    expect(report.buckets.reduce((s, x) => s + x.total, 0)).toBe(credits.reduce((s, c) => s + c.amount, 0));
  });

  it("the financial summary: revenue from the rollups, recharges from the ledger, liability from the live balances", async () => {
    const range = { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" };
    const [summary] = (await stack.admin.getFinancialReport(range)).currencies;
    const usage = await stack.ctx.models.LedgerEntry.find({ type: "usage", usageCount: { $gt: 0 } }).lean();
    expect(summary!.revenue.usage.booked).toBe(-usage.reduce((s, e) => s + e.amount, 0));
    expect(summary!.revenue.usage.net).toBe(summary!.revenue.usage.booked);
    expect(summary!.revenue).toMatchObject({ fees: 0, total: summary!.revenue.usage.net });
    expect(summary!.recharges).toEqual({
      count: 4,
      total: 1_673_000,
      byMethod: { admin: 1_623_000, voucher: 50_000, payment_provider: 0, auto_recharge: 0 },
    });
    const balances = await Promise.all([a, b].map(async (s) => (await stack.admin.getBalance(s.accountId)).balances[0]!));
    expect(summary!.prepaidLiability.total).toBe(balances.reduce((s, w) => s + w.available + w.reserved, 0));
    expect(summary!.outstanding.unpaidInvoices).toBe(0);
  });

  it("CSV exports hold the same numbers as the JSON", async () => {
    const q = { ...history, timeZone: "Asia/Tokyo", bucket: "day" as const, groupBy: "product" as const };
    const json = await stack.admin.getUsageReport(q);
    const rows = parse<Record<string, string>>(await stack.admin.getUsageReportCsv(q), { columns: true });
    // The group's id and name side by side, under the grouping's own columns.
    expect(rows).toEqual(
      json.rows.map(({ group, name, ...r }) => ({
        ...r,
        product_id: group,
        product_name: name,
        calls: String(r.calls),
        units: String(r.units),
        amount: decimalAmount(r.amount),
        amount_micros: String(r.amount),
      })),
    );

    const range = { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" };
    const recharges = await stack.admin.getRechargeReport(range);
    const topUps = parse<Record<string, string>>(await stack.admin.getRechargeReportCsv(range), { columns: true });
    expect(topUps.map((t) => [t.entryId, t.method, t.amount, Number(t.amount_micros), t.at])).toEqual(
      recharges.topUps.map((t) => [t.entryId, t.method, decimalAmount(t.amount), t.amount, t.at]),
    );
    const totals = parse<Record<string, string>>(await stack.admin.getRechargeReportCsv({ ...range, table: "totals" }), { columns: true });
    expect(totals.map((t) => [t.method, t.total, Number(t.total_micros), t.average, Number(t.average_micros)])).toEqual(
      recharges.totals.map((t) => [t.method, decimalAmount(t.total), t.total, decimalAmount(t.average), t.average]),
    );

    const financial = await stack.admin.getFinancialReport(range);
    const lines = parse<Record<string, string>>(await stack.admin.getFinancialReportCsv(range), { columns: true });
    expect(Number(lines.find((l) => l.figure === "revenue.usage.booked")!.amount_micros)).toBe(
      financial.currencies[0]!.revenue.usage.booked,
    );
    expect(lines.find((l) => l.figure === "recharges.byMethod.voucher")).toMatchObject({ amount: "0.050000", amount_micros: "50000" });

    // Accept: text/csv alone asks for it too.
    const res = await fetch(`${stack.controlPlaneUrl}/v1/reports/usage?from=${history.from}&to=${history.to}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: "text/csv" },
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect((await res.text()).split("\n")[0]).toBe("currency,bucketStart,calls,units,amount,amount_micros");
  });

  it("a booking redone after a crash adds nothing twice to the rollups", async () => {
    const entry = (await stack.ctx.models.LedgerEntry.findOne({ type: "usage", accountId: b.accountId, usageCount: { $gt: 0 } }).lean())!;
    // More usage on the same rollups, so that they no longer list the entry's (folded, deleted) intent.
    expect((await get(b, "/files/again")).status).toBe(200);
    await usageIngested(stack, 132);
    await jobs.bookUsage(stack.ctx);
    const query = { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", bucket: "day" as const, groupBy: "key" as const };
    const before = await stack.admin.getUsageReport(query);
    // The state a booker dying after its fold but before clearing its mark leaves: the mark, its calls claimed.
    const claimed = (await stack.ctx.models.CallAssignment.find({ entryId: entry._id }).lean()).map((c) => c._id);
    expect(claimed.length).toBe(entry.usageCount);
    const calls = (await stack.ctx.models.UsageEvent.find({ _id: { $in: claimed } }).lean()).map(bookingCallOf);
    await stack.ctx.models.BookingMark.create({
      _id: entry._id,
      accountId: entry.accountId,
      currency: entry.currency,
      calls: packCalls(calls),
      createdAt: new Date(Date.now() - 120_000),
    });
    await jobs.bookUsage(stack.ctx);
    expect(await stack.ctx.models.BookingMark.countDocuments({})).toBe(0);
    expect(await stack.ctx.models.LedgerEntry.findById(entry._id).lean()).toEqual(entry);
    expect(await stack.ctx.models.RollupIntent.countDocuments({})).toBe(0);
    expect(await stack.admin.getUsageReport(query)).toEqual(before);
  });

  it("a rebuild from the events and the ledger gives back the same reports (an upgrade from before rollups)", async () => {
    const all = { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" };
    const before = [
      await stack.admin.getUsageReport({ ...history, bucket: "hour", groupBy: "key" }),
      await stack.admin.getUsageReport({ ...all, bucket: "day", groupBy: "product" }),
      await stack.admin.getRechargeReport(all),
    ];
    // As a deployment from before rollups has none.
    const { Rollups } = stack.ctx.models;
    for (const name of await Rollups.names(ROLLUP_COLLECTION)) await Rollups.collection(name).drop();
    expect((await stack.admin.getUsageReport({ ...all, bucket: "month" })).totals[0]!.calls).toBe(0);
    const res = await fetch(`${stack.controlPlaneUrl}/v1/admin/rollups/rebuild`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { movements: number }).movements).toBe(4);
    const after = [
      await stack.admin.getUsageReport({ ...history, bucket: "hour", groupBy: "key" }),
      await stack.admin.getUsageReport({ ...all, bucket: "day", groupBy: "product" }),
      await stack.admin.getRechargeReport(all),
    ];
    expect(after).toEqual(before);
  });

  it("bad report queries get a 400 problem and change nothing", async () => {
    const bad = [
      "from=2026-03-10T00:00:00Z&to=2026-03-06T00:00:00Z",
      "timeZone=Mars/Olympus",
      "bucket=week",
      "groupBy=color",
      "top=0",
      "from=yesterday",
      "from=2026-03-06T00:30:00Z&to=2026-03-07T00:00:00Z",
      "timeZone=Asia/Kolkata&bucket=day&from=2026-03-06T00:00:00Z&to=2026-03-09T00:00:00Z",
      "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
      "from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=hour&timeZone=UTC&extra=1",
      "bucket=hour&from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
    ];
    for (const query of bad) {
      const res = await call(`${stack.controlPlaneUrl}/v1/reports/usage?${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status, query).toBe(400);
      expect(res.headers["content-type"], query).toMatch(/^application\/problem\+json/);
    }
    expect(await stack.ctx.models.RollupIntent.countDocuments({})).toBe(0);
  });

  it("groups, and anomalies, are named as the API names their objects now, in the JSON and beside the id in the CSV", async () => {
    const { Account, ApiKey, Plan } = stack.ctx.models;
    // Renamed after their usage was booked: a report reads the names of now.
    await Account.updateOne({ _id: b.accountId }, { $set: { name: "Beta Ltd" } });
    await Plan.updateOne({ _id: b.planId }, { $set: { name: "Beta plan" } });
    const names = {
      account: async (id: string) => (await stack.admin.getAccount(id)).name,
      plan: async (id: string) => (await stack.admin.getPlan(id)).name,
      key: async (id: string) => (await ApiKey.findById(id).lean())!.name,
      product: (id: string) => Promise.resolve(id),
    };
    const range = { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", bucket: "month" as const, top: 1_000 };
    for (const groupBy of ["account", "key", "plan", "product"] as const) {
      const report = await stack.admin.getUsageReport({ ...range, groupBy });
      expect(report.groups.length, groupBy).toBeGreaterThan(1);
      for (const g of [...report.groups, ...report.rows]) {
        expect(g.name, `${groupBy} ${g.group}`).toBe(g.group === "(unmatched)" ? "(unmatched)" : await names[groupBy](g.group!));
      }
      const csv = parse<Record<string, string>>(await stack.admin.getUsageReportCsv({ ...range, groupBy }), { columns: true });
      expect(csv.map((r) => [r[`${groupBy}_id`], r[`${groupBy}_name`], Number(r.amount_micros)])).toEqual(
        report.rows.map((r) => [r.group, r.name, r.amount]),
      );
    }
    const byAccount = await stack.admin.getUsageReport({ ...range, groupBy: "account" });
    expect(byAccount.groups.find((g) => g.group === b.accountId)!.name).toBe("Beta Ltd");
    expect((await stack.admin.getUsageReport({ ...range, groupBy: "plan" })).groups.find((g) => g.group === b.planId)!.name).toBe(
      "Beta plan",
    );
    // A group summed as (other) is called that.
    const top1 = await stack.admin.getUsageReport({ ...range, groupBy: "account", top: 1 });
    expect(top1.groups.map((g) => g.name)).toEqual([byAccount.groups[0]!.name, "(other)"]);
    // An id no key has any more (none is ever deleted; here by hand) reads as its id: its name is null.
    await ApiKey.deleteOne({ _id: secondKeyOfA.id });
    const byKey = await stack.admin.getUsageReport({ ...range, groupBy: "key" });
    expect(byKey.groups.find((g) => g.group === secondKeyOfA.id)).toMatchObject({ name: null, calls: 6 });

    // Anomalies carry their account's and key's names, in the JSON and in the CSV beside the ids.
    const hour = new Date("2026-03-07T10:00:00Z");
    await stack.ctx.models.Anomaly.create({
      _id: `${b.accountId}|USD|${hour.toISOString()}`,
      accountId: b.accountId,
      currency: "USD",
      hour,
      calls: 500,
      amount: 500_000,
      baselineCalls: 2,
      baselineAmount: 2_000,
      threshold: 100,
      policy: { factor: 5, minCalls: 100, mitigation: "none" },
      keyId: b.keyId,
      status: "open",
      mitigation: { action: "none" },
      detectedAt: new Date(),
    });
    const keyName = await names.key(b.keyId);
    const { items } = await stack.admin.listAnomalies({ accountId: b.accountId });
    expect(items).toMatchObject([{ accountId: b.accountId, accountName: "Beta Ltd", keyId: b.keyId, keyName }]);
    const res = await call(`${stack.controlPlaneUrl}/v1/anomalies?format=csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const anomalies = parse<Record<string, string>>(res.body, { columns: true });
    expect(anomalies.map((a) => [a.accountId, a.accountName, a.keyId, a.keyName])).toEqual([[b.accountId, "Beta Ltd", b.keyId, keyName]]);
  });

  it("revenue counts the subscription fees taken beside the usage, each part named", async () => {
    const range = { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" };
    const before = (await stack.admin.getFinancialReport(range)).currencies[0]!.revenue;
    const plan = await stack.admin.createPlan({
      name: "Team",
      currency: "USD",
      pricePerCall: 1_000,
      recurring: { interval: "month", fee: 49_000_000, seatPrice: 10_000_000 },
    });
    const account = await stack.admin.createAccount({ name: "subscriber", planId: plan.id, seats: 3 });
    // The first period (49 + 3 × 10) is taken when the money arrives.
    await stack.admin.creditWallet(account.wallets[0]!.id, { amount: 100_000_000 }, { idempotencyKey: "report-fees" });
    await jobs.bookUsage(stack.ctx); // folds the movements into the rollups
    const fees = await stack.ctx.models.LedgerEntry.find({ type: "fee" }).lean();
    expect(fees.map((f) => f.amount)).toEqual([-79_000_000]);
    const report = await stack.admin.getFinancialReport(range);
    const revenue = report.currencies[0]!.revenue;
    expect(revenue).toEqual({ usage: before.usage, fees: 79_000_000, packs: 0, taxIncluded: 0, total: before.usage.net + 79_000_000 });
    const lines = parse<Record<string, string>>(await stack.admin.getFinancialReportCsv(range), { columns: true });
    const figure = (name: string) => Number(lines.find((l) => l.figure === name)!.amount_micros);
    expect([figure("revenue.usage.net"), figure("revenue.fees"), figure("revenue.total")]).toEqual([
      revenue.usage.net,
      revenue.fees,
      revenue.total,
    ]);
  });
});
