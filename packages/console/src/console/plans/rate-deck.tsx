import type { PriceInput, RateLineInput } from "@tollgate/sdk";
import { useEffect, useId, useState } from "react";
import { parseTiersText, parseRateDeck, rateDeckCsv, tiersText } from "./rate-deck-csv.js";
import { CountField, MoneyField, PointerErrors, SelectField, TextField, useFieldErrors } from "./fields.js";

/*
 * A rate deck (a price's `dimension`): which attribute of the usage it reads and how, and its lines in a table
 * (a page at a time, found by value), imported from a CSV file parsed in the browser or exported as one.
 */

type Deck = NonNullable<PriceInput["dimension"]>;
const PAGE = 50;

export function RateDeckEditor(props: {
  deck: Deck;
  onChange: (deck: Deck) => void;
  pointer: string;
  currency: string;
  per: string;
  name: string;
}) {
  const { deck, onChange, pointer } = props;
  const at = (field: string) => `${pointer}/${field}`;
  const [find, setFind] = useState("");
  const [shown, setShown] = useState(PAGE);
  const [imported, setImported] = useState<{ file: string; errors: string[]; count?: number }>();
  const fileId = useId();
  const put = (i: number, line: RateLineInput) => onChange({ ...deck, lines: deck.lines.map((l, j) => (j === i ? line : l)) });
  const matching = deck.lines.map((line, i) => ({ line, i })).filter(({ line }) => find === "" || line.value.startsWith(find));
  const download = () => {
    const url = URL.createObjectURL(new Blob([rateDeckCsv(deck.lines)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${props.name}-${deck.attribute}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <fieldset className="deck">
      <legend>Rate deck of {props.name}</legend>
      <TextField
        label="Attribute"
        pointer={at("attribute")}
        value={deck.attribute}
        onChange={(attribute) => onChange({ ...deck, attribute })}
        size={12}
        required
      />
      <SelectField
        label="A line matches when the attribute"
        pointer={at("match")}
        value={deck.match ?? "prefix"}
        options={[
          ["prefix", "starts with its value (longest wins)"],
          ["exact", "equals its value"],
        ]}
        onChange={(match) => onChange({ ...deck, match })}
      />
      <TextField
        label="Request header (gateway calls)"
        pointer={at("header")}
        value={deck.header ?? ""}
        onChange={(h) => {
          const { header: _h, ...rest } = deck;
          onChange(h === "" ? rest : { ...rest, header: h });
        }}
        size={14}
        placeholder="X-Destination"
      />
      <SelectField
        label="Usage no line matches"
        pointer={at("otherwise")}
        value={deck.otherwise ?? "refuse"}
        options={[
          ["refuse", "is refused (422 no_rate)"],
          ["base", "costs the product's own price"],
        ]}
        onChange={(otherwise) => onChange({ ...deck, otherwise })}
      />
      <div className="deck-tools">
        <label htmlFor={fileId}>Import lines from a CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${fileId}-format`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file === undefined) return;
            void file.text().then((text) => {
              const { lines, errors } = parseRateDeck(text);
              if (errors.length === 0) onChange({ ...deck, lines });
              setImported({ file: file.name, errors, count: errors.length === 0 ? lines.length : undefined });
            });
          }}
        />
        <small id={`${fileId}-format`} className="hint">
          Columns: value, unit_price or tiers (6000:0.03;*:0.02), and optionally tier_mode, free_units, package_size, minimum, maximum,
          rate_per, increments (60/6). Amounts in {props.currency}, such as 0.012. Importing replaces every line.
        </small>
        <button type="button" onClick={download} disabled={deck.lines.length === 0}>
          Export as CSV
        </button>
      </div>
      {imported && imported.errors.length > 0 && (
        <div role="alert" className="problem">
          <p>
            {imported.file} was not imported: {imported.errors.length === 1 ? "one line needs" : `${imported.errors.length} lines need`} a
            change.
          </p>
          <ul>
            {imported.errors.slice(0, 20).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {imported.errors.length > 20 && <p>and {imported.errors.length - 20} more.</p>}
        </div>
      )}
      {imported && imported.errors.length === 0 && (
        <p role="status" className="ok">
          Imported {imported.count} lines from {imported.file}. Save the catalog to apply them.
        </p>
      )}
      <PointerErrors pointer={at("lines")} />
      <label>
        Find a line by value
        <input
          type="search"
          value={find}
          onChange={(e) => {
            setFind(e.target.value);
            setShown(PAGE);
          }}
          size={12}
        />
      </label>
      <table aria-label={`Rate lines of ${props.name}`} className="lines">
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Unit price{props.per}</th>
            <th scope="col">or tiers</th>
            <th scope="col">Free units</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {matching.slice(0, shown).map(({ line, i }) => (
            <LineRow
              key={i}
              line={line}
              onChange={(l) => put(i, l)}
              onRemove={() => onChange({ ...deck, lines: deck.lines.filter((_, j) => j !== i) })}
              pointer={`${at("lines")}/${i}`}
              currency={props.currency}
            />
          ))}
        </tbody>
      </table>
      <p className="hint">
        {matching.length === deck.lines.length ? `${deck.lines.length} lines` : `${matching.length} of ${deck.lines.length} lines`}
        {matching.length > shown && `, ${shown} shown`}.{" "}
        {matching.length > shown && (
          <button type="button" className="link" onClick={() => setShown(shown + PAGE)}>
            Show {Math.min(PAGE, matching.length - shown)} more
          </button>
        )}
      </p>
      <button type="button" onClick={() => onChange({ ...deck, lines: [...deck.lines, { value: "", unitPrice: 0 }] })}>
        Add a line
      </button>
    </fieldset>
  );
}

function LineRow(props: {
  line: RateLineInput;
  onChange: (line: RateLineInput) => void;
  onRemove: () => void;
  pointer: string;
  currency: string;
}) {
  const { line, onChange, pointer } = props;
  const name = line.value || "the new line";
  const errors = useFieldErrors(pointer);
  return (
    <tr>
      <td>
        <TextField
          label={`Value of ${name}`}
          hideLabel
          pointer={`${pointer}/value`}
          value={line.value}
          onChange={(value) => onChange({ ...line, value })}
          size={10}
        />
        {errors.length > 0 && <small className="field-error">{errors.join("; ")}</small>}
      </td>
      <td>
        <MoneyField
          label={`Unit price of ${name}`}
          hideLabel
          pointer={`${pointer}/unitPrice`}
          micros={line.unitPrice}
          onChange={(m) => {
            const { unitPrice: _u, ...rest } = line;
            onChange(m === undefined ? rest : { ...rest, unitPrice: m });
          }}
          currency={props.currency}
        />
      </td>
      <td>
        <TiersCell line={line} onChange={onChange} pointer={`${pointer}/tiers`} name={name} />
      </td>
      <td>
        <CountField
          label={`Free units of ${name}`}
          hideLabel
          pointer={`${pointer}/freeUnits`}
          value={line.freeUnits}
          onChange={(n) => {
            const { freeUnits: _f, ...rest } = line;
            onChange(n === undefined ? rest : { ...rest, freeUnits: n });
          }}
          size={6}
        />
      </td>
      <td>
        <button type="button" onClick={props.onRemove} aria-label={`Remove ${name}`}>
          Remove
        </button>
      </td>
    </tr>
  );
}

/** A line's tiers as one cell, as the CSV writes them: "6000:0.03;*:0.02". */
function TiersCell(props: { line: RateLineInput; onChange: (line: RateLineInput) => void; pointer: string; name: string }) {
  const { line, onChange } = props;
  const written = line.tiers === undefined ? "" : tiersText(line.tiers);
  const [text, setText] = useState(written);
  useEffect(
    () =>
      setText((typed) => {
        const read = typed.trim() === "" ? undefined : parseTiersText(typed);
        const same = read === undefined ? written === "" : "tiers" in read && tiersText(read.tiers) === written;
        return same ? typed : written;
      }),
    [written],
  );
  const parsed = text.trim() === "" ? undefined : parseTiersText(text);
  const wrong = parsed !== undefined && "error" in parsed ? parsed.error : undefined;
  const apiErrors = useFieldErrors(props.pointer);
  const errors = [...(wrong ? [wrong] : []), ...apiErrors];
  const id = useId();
  return (
    <label>
      <span className="sr-only">Tiers of {props.name}</span>
      <input
        value={text}
        size={14}
        placeholder="6000:0.03;*:0.02"
        spellCheck={false}
        {...(wrong ? { "data-unparsed": "" } : {})}
        {...(errors.length > 0 ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.trim() === "" ? undefined : parseTiersText(e.target.value);
          const { tiers: _t, ...rest } = line;
          if (next === undefined) onChange(rest);
          else if ("tiers" in next) onChange({ ...rest, tiers: next.tiers });
        }}
      />
      {errors.length > 0 && (
        <small id={`${id}-error`} className="field-error">
          {errors.join("; ")}
        </small>
      )}
    </label>
  );
}
