import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * The demo's stand-in for what a Stripe test account does beyond its API, in front of stripe-mock (which answers
 * Stripe's API but keeps nothing and sends no webhooks). The control plane's `STRIPE_API_BASE` points here;
 * every API call goes on to stripe-mock, and then this does what Stripe would:
 * - a Checkout Session gets a page here (its `url`). "Pay with the test card" sends the signed
 *   `payment_intent.succeeded` webhook Stripe would send (with the kept card when the session keeps it) and
 *   goes back to the session's `success_url`; "Cancel" goes back to its `cancel_url`, as Stripe's page does;
 * - a PaymentIntent confirmed at once (a kept card charged off session: auto-recharge) succeeds, and its
 *   webhook follows the answer;
 * - a session is read back as it stands here (open, complete, expired), and expiring it (a cancelled top-up)
 *   closes its page.
 * Ids are made here (stripe-mock answers the same fixture ids every time). For the demo only: it takes no card
 * number and moves no money; the control plane's side of it (the webhook, the ledger) is the real one.
 */
export interface DemoCheckoutOptions {
  /** stripe-mock's HTTP address. */
  stripeMockUrl: string;
  /** Where the control plane takes Stripe's webhooks (`…/v1/webhooks/stripe`); read when a webhook is sent. */
  webhookUrl: () => string;
  webhookSecret: string;
  /** This server's address as the browser reaches it. */
  publicUrl: () => string;
  /** Told of each webhook once the control plane has answered it (its status; 0 when it never answered). */
  onWebhook?: (type: string, status: number) => void;
}

interface Session {
  id: string;
  /** What is being paid for, as the page names it. */
  description: string;
  amountMinor: number;
  currency: string;
  metadata: Record<string, string>;
  keepCard: boolean;
  successUrl: string;
  cancelUrl: string;
  paid: boolean;
  expired: boolean;
  expiresAt: number;
}

export function createDemoCheckout(options: DemoCheckoutOptions): Server {
  const sessions = new Map<string, Session>();

  const webhook = async (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({ id: `evt_demo_${token()}`, object: "event", type, data: { object } });
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac("sha256", options.webhookSecret).update(`${t}.${payload}`).digest("hex");
    // Stripe retries a webhook that fails; so does this, a few times.
    let status = 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await fetch(options.webhookUrl(), {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": `t=${t},v1=${v1}` },
        body: payload,
      }).catch(() => undefined);
      status = answer?.status ?? 0;
      if (answer?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
    }
    if (status < 200 || status > 299) console.error(`[demo-checkout] the control plane did not take the ${type} webhook (${status})`);
    options.onWebhook?.(type, status);
  };

  const succeeded = (form: URLSearchParams | Session, id: string) => {
    const metadata = form instanceof URLSearchParams ? bracketed(form, "metadata") : form.metadata;
    const keep = form instanceof URLSearchParams ? false : form.keepCard;
    return webhook("payment_intent.succeeded", {
      id,
      object: "payment_intent",
      metadata,
      payment_method: form instanceof URLSearchParams ? (form.get("payment_method") ?? "pm_card_visa") : "pm_card_visa",
      customer: form instanceof URLSearchParams ? (form.get("customer") ?? null) : `cus_demo_${token()}`,
      ...(keep ? { setup_future_usage: "off_session" } : {}),
    });
  };

  return createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error("[demo-checkout]", error);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("demo checkout failed");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://demo");
    const body = await readBody(req);
    const page = /^\/pay\/(cs_demo_[\w]+)(\/(pay|cancel))?$/.exec(url.pathname);
    if (page) {
      const session = sessions.get(page[1]!);
      if (session === undefined) return send(res, 404, "text/plain", "No such checkout (the demo keeps them in memory).");
      if (!session.paid && (session.expired || session.expiresAt * 1000 < Date.now()))
        return send(res, 410, "text/plain", "This checkout has expired or was cancelled: start a new top-up from the portal.");
      if (req.method === "GET" && page[3] === undefined) return send(res, 200, "text/html; charset=utf-8", checkoutPage(session));
      if (req.method === "POST" && page[3] === "pay") {
        if (!session.paid) {
          session.paid = true;
          await succeeded(session, `pi_demo_${token()}`);
        }
        return redirect(res, session.successUrl);
      }
      if (req.method === "POST" && page[3] === "cancel") return redirect(res, session.cancelUrl);
      return send(res, 405, "text/plain", "Method not allowed");
    }

    // A session of ours, read back or expired: answered from what happened on its page.
    const mine = /^\/v1\/checkout\/sessions\/(cs_demo_\w+)(\/expire)?$/.exec(url.pathname);
    const known = mine ? sessions.get(mine[1]!) : undefined;
    if (mine && known) {
      if (mine[2] !== undefined && req.method === "POST") {
        if (known.paid) return send(res, 400, "application/json", JSON.stringify({ error: { message: "This session is complete." } }));
        known.expired = true;
      }
      const status = known.paid ? "complete" : known.expired ? "expired" : "open";
      return send(
        res,
        200,
        "application/json",
        JSON.stringify({
          id: known.id,
          object: "checkout.session",
          status,
          payment_status: known.paid ? "paid" : "unpaid",
          metadata: known.metadata,
        }),
      );
    }

    // Stripe's API: answered by stripe-mock, then made to look like a real account's answer.
    const answer = await fetch(`${options.stripeMockUrl}${url.pathname}${url.search}`, {
      method: req.method ?? "GET",
      headers: forwarded(req),
      ...(body.length > 0 ? { body } : {}),
    });
    const text = await answer.text();
    if (!answer.ok || req.method !== "POST")
      return send(res, answer.status, answer.headers.get("content-type") ?? "application/json", text);
    const form = new URLSearchParams(body.toString("utf8"));
    const json = JSON.parse(text) as Record<string, unknown>;
    if (url.pathname === "/v1/checkout/sessions") {
      const session: Session = {
        id: `cs_demo_${token()}`,
        description: form.get("line_items[0][price_data][product_data][name]") ?? "Prepaid API credit",
        amountMinor: Number(form.get("line_items[0][price_data][unit_amount]") ?? 0),
        currency: (form.get("line_items[0][price_data][currency]") ?? "usd").toUpperCase(),
        metadata: bracketed(form, "metadata"),
        keepCard: form.get("payment_intent_data[setup_future_usage]") === "off_session",
        successUrl: form.get("success_url") ?? "/",
        cancelUrl: form.get("cancel_url") ?? form.get("success_url") ?? "/",
        paid: false,
        expired: false,
        expiresAt: Number(form.get("expires_at") ?? Math.floor(Date.now() / 1000) + 3_600),
      };
      sessions.set(session.id, session);
      Object.assign(json, { id: session.id, url: `${options.publicUrl()}/pay/${session.id}`, status: "open", payment_status: "unpaid" });
    } else if (url.pathname === "/v1/payment_intents") {
      const id = `pi_demo_${token()}`;
      const confirmed = form.get("confirm") === "true";
      Object.assign(json, { id, status: confirmed ? "processing" : "requires_payment_method", metadata: bracketed(form, "metadata") });
      if (confirmed) setImmediate(() => void succeeded(form, id));
    }
    return send(res, answer.status, "application/json", JSON.stringify(json));
  }
}

/** The demo's checkout page: the amount, a button that pays with the test card, and one that goes back. */
function checkoutPage(s: Session): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency: s.currency });
  const amount = format.format(s.amountMinor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo checkout: ${escape(s.description)}, ${escape(amount)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1a1a1a}
main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.25rem;margin:0 0 .25rem} .amount{font-size:2rem;font-weight:600;margin:.5rem 0 1rem}
p{color:#444} form{display:inline} button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #444;background:#fff;cursor:pointer}
button.pay{background:#1d4ed8;color:#fff;border-color:#1d4ed8;margin-right:.5rem}
</style></head>
<body><main>
<h1>${escape(s.description)}</h1>
<p class="amount">${escape(amount)}</p>
<p>This is the demo's stand-in for Stripe's checkout page: paying uses the test card 4242 4242 4242 4242 and sends
the webhook Stripe would send${s.keepCard ? "; the card is kept for automatic recharges" : ""}.</p>
<form method="post" action="/pay/${s.id}/pay"><button class="pay" type="submit">Pay ${escape(amount)} with the test card</button></form>
<form method="post" action="/pay/${s.id}/cancel"><button type="submit">Cancel</button></form>
</main></body></html>`;
}

/** Stripe's form encoding of an object: `metadata[rechargeId]=…` → `{ rechargeId: … }`. */
function bracketed(form: URLSearchParams, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form) {
    const m = new RegExp(`^${name}\\[([^\\]]+)\\]$`).exec(key);
    if (m) out[m[1]!] = value;
  }
  return out;
}

function forwarded(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ["authorization", "content-type", "idempotency-key", "stripe-version", "stripe-account"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(303, { location });
  res.end();
}

function token(): string {
  return randomBytes(12).toString("hex");
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4100);
  const publicUrl = `http://127.0.0.1:${port}`;
  createDemoCheckout({
    stripeMockUrl: process.env.STRIPE_MOCK_URL ?? "http://127.0.0.1:12111",
    webhookUrl: () => `${process.env.CONTROL_PLANE_URL ?? "http://127.0.0.1:3000"}/v1/webhooks/stripe`,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "",
    publicUrl: () => publicUrl,
  }).listen(port, "127.0.0.1", () => console.log(`[demo-checkout] listening on ${publicUrl}`));
}
