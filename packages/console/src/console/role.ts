import type { Role } from "@tollgate/sdk";
import { createContext, useContext } from "react";

/**
 * What the signed-in role may do, to show only the actions it may take: the same groups as the API's
 * (packages/control-plane/src/http/roles.ts), which refuses the rest with a 403 whatever the page shows.
 */
const MAY: Record<"money" | "manage" | "support", readonly Role[]> = {
  money: ["owner", "admin", "finance"],
  manage: ["owner", "admin"],
  support: ["owner", "admin", "support"],
};

export const RoleContext = createContext<Role>("viewer");

/** Whether the signed-in role may take actions of this kind. */
export function useMay(kind: keyof typeof MAY): boolean {
  return MAY[kind].includes(useContext(RoleContext));
}
