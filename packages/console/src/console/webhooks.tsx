import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebhookEndpoint, WebhookEventType } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { Confirm } from "../shared/confirm.js";
import { CopyField } from "../shared/copy.js";
import { when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Loading, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Done, Field, FormProblem, fieldProblems } from "./forms.js";

/** The events a deployment's endpoint may receive, and what each tells. */
const EVENTS: { type: WebhookEventType; label: string }[] = [
  { type: "invoice.finalized", label: "invoice.finalized: an invoice got its number" },
  { type: "invoice.paid", label: "invoice.paid: an invoice is paid in full" },
  { type: "payment.refunded", label: "payment.refunded: a top-up was refunded" },
  { type: "account.updated", label: "account.updated: an account's billing, status, details or plan changed" },
];

/**
 * The deployment's own webhook endpoints (a CRM, an accounting system), for owners and admins: register one
 * (its signing secret shown with it), remove one, read each one's delivery log.
 */
export function WebhooksPage() {
  const endpoints = useQuery({ queryKey: ["webhook-endpoints"], queryFn: () => admin.listWebhookEndpoints() });
  const [open, setOpen] = useState<string | undefined>();
  return (
    <>
      <Section title="Webhook endpoints" id="webhook-endpoints">
        <p>
          Each event is signed as Standard Webhooks with the endpoint's secret and sent at least once, with the same
          <code> webhook-id</code> on every attempt: a receiver drops a repeat by it.
        </p>
        <ProblemText error={endpoints.error} />
        {endpoints.isPending && <Loading />}
        {endpoints.data?.items.length === 0 && <Empty>No endpoint yet: register your CRM's or accounting system's below.</Empty>}
        {endpoints.data?.items.map((e) => (
          <Endpoint key={e.id} endpoint={e} open={open === e.id} onOpen={() => setOpen(open === e.id ? undefined : e.id)} />
        ))}
      </Section>
      <NewEndpoint />
    </>
  );
}

function Endpoint({ endpoint, open, onOpen }: { endpoint: WebhookEndpoint; open: boolean; onOpen: () => void }) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => admin.removeWebhookEndpoint(endpoint.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["webhook-endpoints"] }),
  });
  return (
    <article className="endpoint" aria-label={`Endpoint ${endpoint.url}`}>
      <h3>
        <code>{endpoint.url}</code>
        {endpoint.description ? ` (${endpoint.description})` : ""}
      </h3>
      <p>
        Receives {endpoint.events.join(", ")}; registered {when(endpoint.createdAt)} by {endpoint.createdBy}.
      </p>
      <CopyField label="Signing secret" value={endpoint.secret} />
      <button type="button" onClick={onOpen} aria-expanded={open}>
        {open ? "Hide the delivery log" : "Show the delivery log"}
      </button>{" "}
      <Confirm
        label="Remove"
        name={`Remove the endpoint ${endpoint.url}`}
        question={`Stop sending events to ${endpoint.url}? Its delivery log stays.`}
        confirm="Remove the endpoint"
        disabled={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      <ProblemText error={remove.error} />
      {open && <Deliveries endpointId={endpoint.id} />}
    </article>
  );
}

/** An endpoint's delivery log, newest first, 20 a page. */
function Deliveries({ endpointId }: { endpointId: string }) {
  const pages = usePages(["webhook-deliveries", endpointId], (cursor) => admin.listWebhookDeliveries(endpointId, pageQuery(cursor, 20)), {
    refetchInterval: 5_000,
  });
  return (
    <div>
      <ProblemText error={pages.error} />
      {pages.items?.length === 0 && <Empty>Nothing sent yet: events are sent as they happen.</Empty>}
      {pages.items !== undefined && pages.items.length > 0 && (
        <table aria-label="Delivery log" className="stack">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Attempt</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((a) => (
              <tr key={a.id}>
                <td data-label="When">{when(a.at)}</td>
                <td data-label="Event">
                  {a.eventType} <code>{a.eventId}</code>
                </td>
                <td data-label="Attempt">{a.attempt}</td>
                <td data-label="Result" className={a.ok ? "ok" : "problem"}>
                  {a.ok ? "delivered" : "failed"}: {a.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager pages={pages} what="deliveries" />
    </div>
  );
}

const FIELDS = { "/url": "URL", "/events": "Events", "/description": "Description" };

function NewEndpoint() {
  const qc = useQueryClient();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>(EVENTS.map((e) => e.type));
  const create = useMutation({
    mutationFn: () => admin.createWebhookEndpoint({ url, events, ...(description.trim() ? { description: description.trim() } : {}) }),
    onSuccess: () => {
      setUrl("");
      setDescription("");
      void qc.invalidateQueries({ queryKey: ["webhook-endpoints"] });
    },
  });
  const problems = fieldProblems(create.error, FIELDS);
  return (
    <Section title="Register an endpoint" id="new-endpoint">
      <form
        aria-label="Register a webhook endpoint"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label="URL" problem={problems.at("/url")} hint="https, on a public address">
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required />
        </Field>
        <Field label="Description" problem={problems.at("/description")}>
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <fieldset className="plain">
          <legend>Events</legend>
          {EVENTS.map((e) => (
            <label className="check" key={e.type}>
              <input
                type="checkbox"
                checked={events.includes(e.type)}
                onChange={(x) => setEvents(x.target.checked ? [...events, e.type] : events.filter((t) => t !== e.type))}
              />{" "}
              {e.label}
            </label>
          ))}
          {problems.at("/events") && <span className="field-problem">{problems.at("/events")}</span>}
        </fieldset>
        <button className="primary" type="submit" disabled={create.isPending}>
          Register the endpoint
        </button>
      </form>
      <Done>{create.isSuccess && !create.isPending && `Registered ${create.data.url}: copy its signing secret above.`}</Done>
      <FormProblem error={create.error} shown={problems.shown} />
    </Section>
  );
}
