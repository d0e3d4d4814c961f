import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Account } from "@tollgate/sdk";
import { useContext } from "react";
import { when } from "../shared/money.js";
import { Empty, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm, Done } from "./forms.js";
import { RoleContext, useMay } from "./role.js";

/** Hand a document to the browser as a file. */
function saveAs(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The account's privacy requests (docs/concepts/privacy.md): whether it is erased, its exports (owners and admins
 * ask for one and download it, once), and its erasure (owners alone, asked in the page first).
 */
export function AccountPrivacy({ account }: { account: Account }) {
  const qc = useQueryClient();
  const mayManage = useMay("manage");
  const isOwner = useContext(RoleContext) === "owner";
  const state = useQuery({
    queryKey: ["privacy", account.id],
    queryFn: () => admin.getPrivacy(account.id),
    // While the privacy job has work for this account, its result is looked for.
    refetchInterval: (q) =>
      q.state.data?.erasure?.status === "pending" || q.state.data?.exports.some((e) => e.status === "pending") ? 3_000 : false,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ["privacy", account.id] });
  const request = useMutation({ mutationFn: () => admin.requestPrivacyExport(account.id), onSuccess: refresh });
  const download = useMutation({
    mutationFn: async (exportId: string) => {
      const doc = await admin.downloadPrivacyExport(account.id, exportId);
      saveAs(`${account.id}-${exportId}.json`, JSON.stringify(doc, null, 2));
      return exportId;
    },
    onSettled: refresh,
  });
  const erase = useMutation({
    mutationFn: () => admin.eraseAccount(account.id),
    onSuccess: () => {
      refresh();
      void qc.invalidateQueries({ queryKey: ["account", account.id] });
    },
  });
  const data = state.data;
  const erasure = data?.erasure;
  return (
    <Section title="Privacy" id="account-privacy">
      <ProblemText error={state.error} />
      {erasure?.status === "done" && (
        <p className="status-erased" role="note">
          Personal data erased {erasure.finishedAt ? when(erasure.finishedAt) : ""} (asked by <code>{erasure.requestedBy}</code>): names,
          addresses, emails, tax ids, webhook addresses and reasons are pseudonyms; money and documents keep every figure.
        </p>
      )}
      {erasure?.status === "pending" && <p role="note">Erasure under way: it finishes once the account&apos;s last usage is written.</p>}
      {data && data.exports.length === 0 && <Empty>No export asked for yet.</Empty>}
      {data && data.exports.length > 0 && (
        <table aria-label="Exports">
          <thead>
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">By</th>
              <th scope="col">State</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="sr-only">Download</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.exports.map((e) => (
              <tr key={e.id}>
                <td>{when(e.createdAt)}</td>
                <td>
                  <code>{e.requestedBy}</code>
                </td>
                <td>
                  {e.status}
                  {e.downloadedAt && ` ${when(e.downloadedAt)} by ${e.downloadedBy ?? "?"}`}
                </td>
                <td>{e.bytes === undefined ? "" : `${Math.ceil(e.bytes / 1024).toLocaleString("en-US")} kB`}</td>
                <td>
                  {mayManage && e.status === "ready" && (
                    <Confirm
                      label="Download"
                      name={`Download the export of ${when(e.createdAt)}`}
                      question="Download it now? It is handed over once and then deleted: keep the file safe, it holds the customer's personal data."
                      confirm="Download once"
                      danger={false}
                      onConfirm={() => download.mutate(e.id)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayManage && (
        <button type="button" onClick={() => request.mutate()} disabled={request.isPending}>
          Export the customer&apos;s data
        </button>
      )}
      {isOwner && erasure?.status !== "done" && (
        <Confirm
          label="Erase personal data"
          question={`Erase ${account.name}'s personal data for good? Its name, billing details, notification addresses, key names, reasons and usage attributes become pseudonyms, and its portal sessions end. The ledger, invoices and reports keep every figure. This cannot be undone.`}
          confirm={`Erase ${account.name}'s personal data`}
          onConfirm={() => erase.mutate()}
        />
      )}
      <ProblemText error={request.error ?? download.error ?? erase.error} />
      <Done>
        {request.isSuccess && !download.data && "Export asked for: it is ready to download in a few seconds."}
        {download.data && "Downloaded: that export is now deleted."}
        {erase.data && (erase.data.status === "done" ? "Personal data erased." : "Erasure under way.")}
      </Done>
    </Section>
  );
}
