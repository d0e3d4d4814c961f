import { Empty } from "../../shared/ui.js";
import { useMutation } from "@tanstack/react-query";
import { TollgateError, type CatalogInput, type Plan } from "@tollgate/sdk";
import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { changesBetween, catalogInput, formDraft, parseDraft, pointerWords, type Product } from "./draft.js";
import { FieldErrors, TextField } from "./fields.js";
import { ProductEditor, QuotasEditor, UnmatchedEditor } from "./product-editor.js";
import { MeteringEditor, RateLimitsEditor, RefundEditor } from "./settings-editor.js";

/*
 * A plan's catalog, edited through a form (its products, other routes, quotas, rate limits, refunds and metering)
 * or as JSON ("Advanced"): both views edit one draft, the catalog as the API takes it. Saving shows what changes first (products added, removed and changed, quotas,
 * other routes), then sends it; the API's refusals are written next to the fields their pointers name.
 */

type View = "form" | "json";

export function CatalogEditor(props: {
  /** The catalog as saved (its input form), to say what saving changes; none for a new plan. */
  saved?: CatalogInput;
  initial: CatalogInput;
  currency: string;
  name: string;
  view?: View;
  /** Fields of the plan beside its catalog (a new plan's name and currency), inside the form. */
  head?: ReactNode;
  saveLabel: string;
  save: (catalog: CatalogInput) => Promise<Plan>;
  onSaved?: (plan: Plan) => void;
  onClose?: () => void;
}) {
  const [draft, setDraft] = useState<CatalogInput>(() => formDraft(props.initial));
  const [view, setView] = useState<View>(props.view ?? "form");
  const [text, setText] = useState(() => JSON.stringify(props.initial, null, 2));
  const [local, setLocal] = useState<string>();
  const [confirming, setConfirming] = useState<string[]>();
  const form = useRef<HTMLFormElement>(null);
  const ids = useId();
  const save = useMutation({
    mutationFn: (catalog: CatalogInput) => props.save(catalog),
    onSuccess: (plan) => {
      const stored = catalogInput(plan.catalog);
      setDraft(formDraft(stored));
      setText(JSON.stringify(stored, null, 2));
      props.onSaved?.(plan);
    },
  });
  const errors = useMemo(() => {
    const problem = save.error instanceof TollgateError ? save.error.problem : undefined;
    const list = (problem as { errors?: { pointer: string; message: string }[] } | undefined)?.errors ?? [];
    const map = new Map<string, string[]>();
    for (const e of list) map.set(e.pointer, [...(map.get(e.pointer) ?? []), e.message]);
    return map;
  }, [save.error]);

  const edit = (next: CatalogInput) => {
    setDraft(next);
    setConfirming(undefined);
  };
  const products = draft.products ?? [];
  const setProducts = (p: Product[]) => edit({ ...draft, products: p });
  const show = (next: View) => {
    if (next === view) return;
    if (next === "json") setText(JSON.stringify(draft, null, 2));
    else {
      const parsed = parseDraft(text);
      if ("error" in parsed) return setLocal(`${parsed.error} Fix it here before going back to the form.`);
      edit(formDraft(parsed.draft));
    }
    setLocal(undefined);
    setView(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.reset();
    let catalog = draft;
    if (view === "json") {
      const parsed = parseDraft(text);
      if ("error" in parsed) return setLocal(parsed.error);
      catalog = parsed.draft;
    }
    const unparsed = form.current?.querySelector<HTMLInputElement>("[data-unparsed]");
    if (unparsed) {
      unparsed.focus();
      return setLocal("A field does not read yet (it says why under it): fix it, then save.");
    }
    setLocal(undefined);
    if (props.saved === undefined) return save.mutate(catalog);
    setConfirming(changesBetween(props.saved, catalog));
  };

  return (
    <FieldErrors.Provider value={errors}>
      <form ref={form} className="catalog-editor" onSubmit={submit} aria-label={`Edit the catalog of ${props.name}`} noValidate>
        {props.head}
        <div role="group" aria-label="View" className="views">
          <button type="button" aria-pressed={view === "form"} onClick={() => show("form")}>
            Form
          </button>
          <button type="button" aria-pressed={view === "json"} onClick={() => show("json")}>
            Advanced (JSON)
          </button>
        </div>
        {view === "json" ? (
          <label className="wide">
            Catalog of {props.name} (JSON)
            <textarea
              value={text}
              spellCheck={false}
              aria-describedby={`${ids}-result`}
              onChange={(e) => {
                setText(e.target.value);
                setConfirming(undefined);
                const parsed = parseDraft(e.target.value);
                if ("draft" in parsed) setDraft(formDraft(parsed.draft));
              }}
            />
          </label>
        ) : (
          <div className="form-view">
            <TextField
              label="Time zone"
              pointer="/timeZone"
              value={draft.timeZone ?? "UTC"}
              onChange={(tz) => edit({ ...draft, timeZone: tz })}
              size={16}
              hint="periods, free units and time-of-use windows are read in it"
            />
            {products.length === 0 && <Empty>No products yet: add one per route you charge for.</Empty>}
            {products.map((p, i) => (
              <ProductEditor
                key={i}
                product={p}
                index={i}
                count={products.length}
                currency={props.currency}
                onChange={(next) => setProducts(products.map((x, j) => (j === i ? next : x)))}
                onRemove={() => setProducts(products.filter((_, j) => j !== i))}
                onMove={(by) => {
                  const next = [...products];
                  [next[i], next[i + by]] = [next[i + by]!, next[i]!];
                  setProducts(next);
                }}
              />
            ))}
            <button
              type="button"
              onClick={() =>
                setProducts([
                  ...products,
                  { id: `product-${products.length + 1}`, method: "GET", path: "/v1/", price: { unitPrice: 1_000 } },
                ])
              }
            >
              Add a product
            </button>
            <UnmatchedEditor
              unmatched={draft.unmatched}
              onChange={(unmatched) => edit({ ...draft, unmatched })}
              currency={props.currency}
            />
            <QuotasEditor
              quotas={draft.quotas ?? []}
              productIds={products.map((p) => p.id)}
              onChange={(quotas) => edit({ ...draft, quotas })}
            />
            <RateLimitsEditor draft={draft} onChange={edit} />
            <RefundEditor draft={draft} onChange={edit} />
            <MeteringEditor draft={draft} onChange={edit} />
          </div>
        )}
        <div id={`${ids}-result`} className="wide">
          {local && (
            <p role="alert" className="problem">
              {local}
            </p>
          )}
          {save.error && (
            <Refusal error={save.error} draft={view === "json" ? ((parseDraft(text) as { draft?: CatalogInput }).draft ?? draft) : draft} />
          )}
          {save.isSuccess && (
            <p role="status" className="ok">
              Saved {new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}: every gateway applies the catalog
              within a second.
            </p>
          )}
        </div>
        {confirming ? (
          <div role="alertdialog" aria-labelledby={`${ids}-confirm`} aria-describedby={`${ids}-changes`} className="confirm wide">
            <h3 id={`${ids}-confirm`}>Replace the catalog of {props.name}?</h3>
            <ul id={`${ids}-changes`}>
              {confirming.length === 0 ? (
                <li>Nothing changes: the catalog is the one saved.</li>
              ) : (
                confirming.map((c) => <li key={c}>{c}</li>)
              )}
            </ul>
            <div className="actions">
              <button
                type="button"
                className="primary"
                autoFocus
                onClick={() => {
                  setConfirming(undefined);
                  save.mutate(view === "json" ? (parseDraft(text) as { draft: CatalogInput }).draft : draft);
                }}
              >
                Replace the catalog
              </button>
              <button type="button" onClick={() => setConfirming(undefined)}>
                Keep editing
              </button>
            </div>
          </div>
        ) : (
          <div className="actions wide">
            <button className="primary" type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : props.saveLabel}
            </button>
            {props.onClose && (
              <button type="button" onClick={props.onClose}>
                Close
              </button>
            )}
          </div>
        )}
      </form>
    </FieldErrors.Provider>
  );
}

/** A refusal in words: the API's sentence, then each field it named, by name ("product voice › rate line 2 (+3519) › unit price"). */
function Refusal({ error, draft }: { error: Error; draft: CatalogInput }) {
  const problem = error instanceof TollgateError ? error.problem : undefined;
  const fields = (problem as { errors?: { pointer: string; message: string }[] } | undefined)?.errors ?? [];
  return (
    <div role="alert" className="problem">
      <p>
        {fields.length > 0
          ? `Not saved: ${fields.length === 1 ? "one field needs" : `${fields.length} fields need`} a change (each is marked in the form).`
          : (problem?.detail ?? problem?.title ?? error.message)}
      </p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={`${f.pointer} ${f.message}`}>
              {pointerWords(f.pointer, draft)}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
