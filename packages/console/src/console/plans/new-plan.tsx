import { useQueryClient } from "@tanstack/react-query";
import type { CatalogInput, RecurringInput } from "@tollgate/sdk";
import { useState } from "react";
import { useLocation } from "wouter";
import { Section, Trail } from "../../shared/ui.js";
import { useTitle } from "../../shared/url.js";
import { admin } from "../client.js";
import { CatalogEditor } from "./catalog-editor.js";
import { CountField, MoneyField, Optional, SelectField, TextField } from "./fields.js";

/** A new plan: its name, currency and recurring fee, and its catalog through the same editor as a saved plan's. */
export function NewPlan() {
  useTitle("New plan", "Tollgate console");
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [currency, setCurrency] = useState("USD");
  const [recurring, setRecurring] = useState<RecurringInput>();
  const code = /^[A-Z]{3}$/.test(currency.trim().toUpperCase()) ? currency.trim().toUpperCase() : "USD";
  const empty: CatalogInput = { products: [], unmatched: { action: "refuse" } };
  return (
    <>
      <Trail
        steps={[
          { href: "/plans", label: "Plans" },
          { href: "/plans/new", label: "New plan" },
        ]}
      />
      <Section title="New plan">
        <CatalogEditor
          initial={empty}
          currency={code}
          name={name || "the new plan"}
          saveLabel="Create the plan"
          head={
            <div className="plan-head">
              <TextField label="Name" pointer="/name" value={name} onChange={setName} required size={20} />
              <TextField
                label="Currency"
                pointer="/currency"
                value={currency}
                onChange={setCurrency}
                required
                size={4}
                hint="ISO 4217, e.g. USD, EUR"
              />
              <Optional
                label="Recurring fee"
                on={recurring !== undefined}
                onToggle={(on) => setRecurring(on ? { interval: "month", fee: 0, seatPrice: 0, graceHours: 72 } : undefined)}
                pointer="/recurring"
              >
                {recurring && (
                  <>
                    <MoneyField
                      label="Fee"
                      pointer="/recurring/fee"
                      micros={recurring.fee}
                      onChange={(fee) => setRecurring({ ...recurring, fee: fee ?? 0 })}
                      currency={code}
                      required
                    />
                    <MoneyField
                      label="Per seat"
                      pointer="/recurring/seatPrice"
                      micros={recurring.seatPrice}
                      onChange={(seatPrice) => setRecurring({ ...recurring, seatPrice: seatPrice ?? 0 })}
                      currency={code}
                    />
                    <SelectField
                      label="Every"
                      pointer="/recurring/interval"
                      value={recurring.interval}
                      options={[
                        ["month", "month"],
                        ["week", "week"],
                        ["year", "year"],
                      ]}
                      onChange={(interval) => setRecurring({ ...recurring, interval })}
                    />
                    <CountField
                      label="Grace (hours)"
                      pointer="/recurring/graceHours"
                      value={recurring.graceHours}
                      onChange={(graceHours) => setRecurring({ ...recurring, graceHours: graceHours ?? 0 })}
                    />
                  </>
                )}
              </Optional>
            </div>
          }
          save={(catalog) =>
            admin.createPlan({
              name: name.trim(),
              currency: currency.trim().toUpperCase(),
              ...catalog,
              ...(recurring ? { recurring } : {}),
            })
          }
          onSaved={(plan) => {
            void qc.invalidateQueries({ queryKey: ["plans"] });
            navigate(`/plans/${plan.id}?created`);
          }}
        />
      </Section>
    </>
  );
}
