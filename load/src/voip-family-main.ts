// `npm run example:voip` (load/voip.sh): the family plan of voip-family.ts against the control plane at
// CONTROL_PLANE_URL, which books usage on its own. Prints what happened and each invariant; exits 1 on a FAIL.
import { formatFamilyReport, runFamilyPlan } from "./voip-family.js";

const token = process.env.TOLLGATE_ADMIN_TOKENS?.split(",")[0];
if (!token) throw new Error("TOLLGATE_ADMIN_TOKENS is not set");
const result = await runFamilyPlan({ baseUrl: process.env.CONTROL_PLANE_URL ?? "http://127.0.0.1:3000", token });
process.stdout.write(formatFamilyReport(result));
if (!result.ok) process.exit(1);
