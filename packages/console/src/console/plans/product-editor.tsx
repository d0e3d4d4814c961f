import { Empty } from "../../shared/ui.js";
import type { CatalogInput } from "@tollgate/sdk";
import { CountField, PointerErrors, SelectField, TextField } from "./fields.js";
import type { Product, Quota } from "./draft.js";
import { PriceEditor } from "./price-editor.js";

/* The parts of a catalog the form edits: its products (route and price), the rule for other routes, its quotas. */

const METHODS = ["*", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export function ProductEditor(props: {
  product: Product;
  index: number;
  count: number;
  onChange: (product: Product) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  currency: string;
}) {
  const { product, onChange, index } = props;
  const at = (field: string) => `/products/${index}/${field}`;
  const name = product.id || `product ${index + 1}`;
  return (
    <fieldset className="product">
      <legend>Product {name}</legend>
      <PointerErrors pointer={`/products/${index}`} />
      <TextField
        label="Id"
        pointer={at("id")}
        value={product.id}
        onChange={(id) => onChange({ ...product, id })}
        required
        size={14}
        placeholder="search"
      />
      <SelectField
        label="Method"
        pointer={at("method")}
        value={product.method ?? "*"}
        options={METHODS.map((m) => [m, m === "*" ? "any" : m] as const)}
        onChange={(method) => onChange({ ...product, method })}
      />
      <TextField
        label="Path"
        pointer={at("path")}
        value={product.path}
        onChange={(path) => onChange({ ...product, path })}
        required
        size={22}
        placeholder="/v1/search"
        hint="/v1/users/:id matches one segment, /v1/files/* the rest"
      />
      <PriceEditor
        price={product.price}
        onChange={(price) => onChange({ ...product, price })}
        pointer={at("price")}
        currency={props.currency}
        name={name}
      />
      <div className="actions">
        <button type="button" onClick={() => props.onMove(-1)} disabled={index === 0}>
          Move {name} up
        </button>
        <button type="button" onClick={() => props.onMove(1)} disabled={index === props.count - 1}>
          Move {name} down
        </button>
        <button type="button" onClick={props.onRemove}>
          Remove {name}
        </button>
      </div>
    </fieldset>
  );
}

type Unmatched = NonNullable<CatalogInput["unmatched"]>;

/** Calls no product matches: free, refused (403), or priced. */
export function UnmatchedEditor(props: { unmatched: Unmatched | undefined; onChange: (u: Unmatched) => void; currency: string }) {
  const action = props.unmatched?.action ?? "free";
  return (
    <fieldset className="unmatched">
      <legend>Calls no product matches</legend>
      <PointerErrors pointer="/unmatched" />
      <SelectField
        label="Other routes are"
        pointer="/unmatched/action"
        value={action}
        options={[
          ["refuse", "refused (403 not_in_plan)"],
          ["free", "free"],
          ["price", "priced"],
        ]}
        onChange={(a) => props.onChange(a === "price" ? { action: "price", price: { unitPrice: 0 } } : { action: a })}
      />
      {props.unmatched?.action === "price" && (
        <PriceEditor
          price={props.unmatched.price}
          onChange={(price) => props.onChange({ action: "price", price })}
          pointer="/unmatched/price"
          currency={props.currency}
          name="other routes"
        />
      )}
    </fieldset>
  );
}

/** Quotas: calls or units a day or month, for one product or every call; hard ones refuse past it (429). */
export function QuotasEditor(props: { quotas: Quota[]; productIds: string[]; onChange: (quotas: Quota[]) => void }) {
  const { quotas, onChange } = props;
  const put = (i: number, q: Quota) => onChange(quotas.map((x, j) => (j === i ? q : x)));
  return (
    <fieldset className="quotas">
      <legend>Quotas</legend>
      <PointerErrors pointer="/quotas" />
      {quotas.length === 0 && <Empty>No quotas: calls are limited by the balance alone.</Empty>}
      {quotas.map((q, i) => {
        const at = (field: string) => `/quotas/${i}/${field}`;
        const name = q.id || `quota ${i + 1}`;
        return (
          <fieldset key={i} className="quota">
            <legend>Quota {name}</legend>
            <TextField label="Id" pointer={at("id")} value={q.id} onChange={(id) => put(i, { ...q, id })} required size={12} />
            <CountField
              label="Limit"
              pointer={at("limit")}
              value={q.limit}
              onChange={(limit) => put(i, { ...q, limit: limit ?? 0 })}
              required
            />
            <SelectField
              label="Of"
              pointer={at("metric")}
              value={q.metric}
              options={[
                ["calls", "calls"],
                ["units", "units"],
              ]}
              onChange={(metric) => put(i, { ...q, metric })}
            />
            <SelectField
              label="A"
              pointer={at("period")}
              value={q.period}
              options={[
                ["day", "day"],
                ["month", "month"],
              ]}
              onChange={(period) => put(i, { ...q, period })}
            />
            <SelectField
              label="Counting"
              pointer={at("productId")}
              value={q.productId ?? ""}
              options={[["", "every call"] as const, ...props.productIds.filter(Boolean).map((id) => [id, `product ${id}`] as const)]}
              onChange={(productId) => {
                const { productId: _p, ...rest } = q;
                put(i, productId === "" ? rest : { ...rest, productId });
              }}
            />
            <SelectField
              label="Past it, calls are"
              pointer={at("enforcement")}
              value={q.enforcement}
              options={[
                ["hard", "refused (429)"],
                ["soft", "let through, marked"],
              ]}
              onChange={(enforcement) => put(i, { ...q, enforcement })}
            />
            <button type="button" onClick={() => onChange(quotas.filter((_, j) => j !== i))}>
              Remove quota {name}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() =>
          onChange([...quotas, { id: `quota-${quotas.length + 1}`, metric: "calls", period: "day", limit: 1000, enforcement: "hard" }])
        }
      >
        Add a quota
      </button>
    </fieldset>
  );
}
