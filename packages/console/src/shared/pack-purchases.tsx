import type { PackPurchase } from "@tollgate/sdk";
import { when } from "./money.js";
import { PAYMENT_WORDS, packUnits, purchaseState } from "./packs.js";
import { Money } from "./ui.js";

/**
 * Pack purchases as the portal and the console list them, newest first: when, what (until when an issued one's
 * bundle lasts), the price, how it was paid and where it stands. Staff read the pack's id too.
 */
export function PackPurchasesTable({ items, packIds = false }: { items: PackPurchase[]; packIds?: boolean }) {
  return (
    <table aria-label="Pack purchases" className="stack">
      <thead>
        <tr>
          <th scope="col">Bought</th>
          <th scope="col">Pack</th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col">Paid</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            <td data-label="Bought">{when(p.createdAt)}</td>
            <td data-label="Pack">
              {packUnits(p)}
              {p.status === "issued" && <small> until {when(p.expiresAt)}</small>}
              {packIds && <small> {p.packId}</small>}
            </td>
            <td data-label="Price" className="num">
              <Money micros={p.price} currency={p.currency} />
            </td>
            <td data-label="Paid">{PAYMENT_WORDS[p.payment]}</td>
            <td data-label="Status" data-testid="purchase-status" className={`purchase-${p.status}`}>
              {purchaseState(p)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
