import { z } from "zod";

/** A bundle a plan includes, as the API takes it (PUT /v1/plans/{planId}/included-bundles) and shows it (a plan's `includedBundles`). */
export const includedBundleBody = z.strictObject({
  productId: z.string().min(1).max(64).describe("a product of the plan's catalog (`default`: the unmatched price)"),
  units: z.number().int().min(1).max(1_000_000_000_000).describe("units valid for each period"),
  overage: z
    .enum(["charge", "refuse"])
    .default("charge")
    .describe("what the units its product's bundles do not cover become: charged at the plan's price, or refused (402 bundle_exhausted)"),
  priority: z.number().int().min(0).max(1_000).default(0).describe("consumption order: lowest first"),
  recurrence: z
    .enum(["period", "once"])
    .default("period")
    .describe("issued at the start of every period, or for the first period on the plan only"),
  rolloverCap: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000_000)
    .default(0)
    .describe("at most this many of the units left when the period ends roll over into the next period (0: none); at most `units`"),
});

export const includedBundleView = z.object({
  productId: z.string(),
  units: z.number().int(),
  overage: z.enum(["charge", "refuse"]),
  priority: z.number().int(),
  recurrence: z.enum(["period", "once"]),
  rolloverCap: z.number().int(),
});
