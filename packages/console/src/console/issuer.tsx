import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { IssuerProfile, IssuerProfileInput } from "@tollgate/sdk";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { when } from "../shared/money.js";
import { Loading, ProblemText, Section } from "../shared/ui.js";
import { useTitle } from "../shared/url.js";
import { admin } from "./client.js";
import { Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

const LABELS = {
  "/legalName": "Legal name",
  "/address/line1": "Address",
  "/address/line2": "Address, second line",
  "/address/postalCode": "Postal code",
  "/address/city": "City",
  "/address/region": "Region",
  "/address/country": "Country",
  "/taxId": "Tax id",
  "/email": "Email",
  "/website": "Website",
  "/logo": "Logo",
  "/accentColor": "Accent colour",
  "/dueDays": "Payment terms",
  "/paymentInstructions": "Payment instructions",
  "/footer": "Footer",
} as const;
type Pointer = keyof typeof LABELS;
/** The logo's limit, as the API holds it: a PNG or JPEG of at most 100 kB. */
const LOGO_BYTES = 100_000;

type Form = Record<
  "legalName" | "line1" | "line2" | "postalCode" | "city" | "region" | "country" | "taxId" | "email" | "website",
  string
> & {
  logo: string;
  accentColor: string;
  dueDays: string;
  paymentInstructions: string;
  footer: string;
};

const formOf = (p: IssuerProfile): Form => ({
  legalName: p.configured ? p.legalName : "",
  line1: p.address?.line1 ?? "",
  line2: p.address?.line2 ?? "",
  postalCode: p.address?.postalCode ?? "",
  city: p.address?.city ?? "",
  region: p.address?.region ?? "",
  country: p.address?.country ?? "",
  taxId: p.taxId ?? "",
  email: p.email ?? "",
  website: p.website ?? "",
  logo: p.logo ?? "",
  accentColor: p.accentColor ?? "",
  dueDays: String(p.dueDays),
  paymentInstructions: p.paymentInstructions ?? "",
  footer: p.footer ?? "",
});

const some = (name: string, value: string) => (value.trim() === "" ? {} : { [name]: value.trim() });

function inputOf(f: Form): IssuerProfileInput {
  const dueDays = Number(f.dueDays);
  if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 365)
    throw new InputError("/dueDays", "Payment terms are 0 (on receipt) to 365 days.");
  const hasAddress = [f.line1, f.line2, f.postalCode, f.city, f.region, f.country].some((v) => v.trim() !== "");
  if (hasAddress && f.line1.trim() === "")
    throw new InputError("/address/line1", "Enter the street address, or leave the whole address empty.");
  if (hasAddress && f.city.trim() === "") throw new InputError("/address/city", "Enter the city, or leave the whole address empty.");
  if (hasAddress && !/^[A-Za-z]{2}$/.test(f.country.trim()))
    throw new InputError("/address/country", "Enter the country as its two-letter code, such as PT or US.");
  return {
    legalName: f.legalName.trim(),
    ...(hasAddress
      ? {
          address: {
            line1: f.line1.trim(),
            city: f.city.trim(),
            country: f.country.trim().toUpperCase(),
            ...some("line2", f.line2),
            ...some("postalCode", f.postalCode),
            ...some("region", f.region),
          },
        }
      : {}),
    ...some("taxId", f.taxId),
    ...some("email", f.email),
    ...some("website", f.website),
    ...(f.logo ? { logo: f.logo } : {}),
    ...some("accentColor", f.accentColor),
    dueDays,
    ...some("paymentInstructions", f.paymentInstructions),
    ...some("footer", f.footer),
  };
}

/** Settings › Issuer profile: who invoices, receipts and credit notes are from. Owners, admins and finance edit it; others read it. */
export function IssuerSettings() {
  useTitle("Issuer profile", "Tollgate console");
  const profile = useQuery({ queryKey: ["issuer-profile"], queryFn: () => admin.getIssuerProfile() });
  if (profile.isPending) return <Loading />;
  if (profile.error) return <ProblemText error={profile.error} />;
  return <IssuerForm profile={profile.data} />;
}

function IssuerForm({ profile }: { profile: IssuerProfile }) {
  const qc = useQueryClient();
  const mayEdit = useMay("money");
  const [f, setF] = useState(() => formOf(profile));
  const [logoProblem, setLogoProblem] = useState<string>();
  const save = useMutation({
    mutationFn: () => admin.setIssuerProfile(inputOf(f)),
    onSuccess: (saved) => qc.setQueryData(["issuer-profile"], saved),
  });
  const problems = fieldProblems(save.error, LABELS);
  const set = (name: keyof Form) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setF({ ...f, [name]: e.target.value });
  const text = (
    name: keyof Form,
    pointer: Pointer,
    props: { type?: string; autoComplete?: string; maxLength?: number; placeholder?: string } = {},
  ) => (
    <Field label={LABELS[pointer]} problem={problems.at(pointer)}>
      <input value={f[name]} onChange={set(name)} {...props} />
    </Field>
  );
  const pickLogo = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setLogoProblem(undefined);
    if (file === undefined) return;
    if (file.type !== "image/png" && file.type !== "image/jpeg") return setLogoProblem("The logo must be a PNG or JPEG image.");
    if (file.size > LOGO_BYTES)
      return setLogoProblem(
        `The logo is ${Math.ceil(file.size / 1000)} kB: it must be at most 100 kB. Save a smaller image and pick it again.`,
      );
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === "string") setF((now) => ({ ...now, logo: reader.result as string }));
    };
    reader.onerror = () => setLogoProblem("The file could not be read: pick it again.");
    reader.readAsDataURL(file);
  };
  return (
    <Section title="Issuer profile" id="issuer-profile">
      <p>
        Who invoices, receipts and credit notes are from. Documents finalized from now on print it; those already finalized keep what they
        printed.{" "}
        {profile.configured && profile.updatedAt
          ? `Last changed ${when(profile.updatedAt)}.`
          : "Not set yet: documents print the defaults below."}
      </p>
      {!mayEdit && <p>Your role may read the profile; an owner, admin or finance user changes it.</p>}
      <form
        aria-label="Issuer profile"
        className="grid-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <fieldset disabled={!mayEdit} className="plain">
          <legend className="sr-only">Issuer profile</legend>
          {text("legalName", "/legalName", { autoComplete: "organization", maxLength: 200 })}
          {text("line1", "/address/line1", { autoComplete: "address-line1", maxLength: 200 })}
          {text("line2", "/address/line2", { autoComplete: "address-line2", maxLength: 200 })}
          {text("postalCode", "/address/postalCode", { autoComplete: "postal-code", maxLength: 20 })}
          {text("city", "/address/city", { autoComplete: "address-level2", maxLength: 100 })}
          {text("region", "/address/region", { autoComplete: "address-level1", maxLength: 100 })}
          {text("country", "/address/country", { autoComplete: "country", maxLength: 2, placeholder: "PT" })}
          {text("taxId", "/taxId", { maxLength: 40 })}
          {text("email", "/email", { type: "email", autoComplete: "email", maxLength: 254 })}
          {text("website", "/website", { type: "url", maxLength: 500, placeholder: "https://example.com" })}
          <Field label="Payment terms (days after issue)" problem={problems.at("/dueDays")} hint="0: due on receipt.">
            <input type="number" min={0} max={365} value={f.dueDays} onChange={set("dueDays")} />
          </Field>
          <Field label="Accent colour" problem={problems.at("/accentColor")}>
            <input type="color" value={f.accentColor || "#1d4ed8"} onChange={set("accentColor")} />
          </Field>
          <Field label="Logo (PNG or JPEG, at most 100 kB)" problem={logoProblem ?? problems.at("/logo")}>
            <input type="file" accept="image/png,image/jpeg" onChange={pickLogo} />
          </Field>
          {f.logo && (
            <div className="logo-preview">
              <img src={f.logo} alt="The logo documents print" />
              <button type="button" onClick={() => setF({ ...f, logo: "" })}>
                Remove the logo
              </button>
            </div>
          )}
          <Field
            label={LABELS["/paymentInstructions"]}
            problem={problems.at("/paymentInstructions")}
            hint="How to pay: bank details, a link. Printed under the totals."
          >
            <textarea value={f.paymentInstructions} onChange={set("paymentInstructions")} maxLength={1000} rows={3} />
          </Field>
          <Field
            label={LABELS["/footer"]}
            problem={problems.at("/footer")}
            hint="The documents' last line: registered office, company number."
          >
            <textarea value={f.footer} onChange={set("footer")} maxLength={500} rows={2} />
          </Field>
          {mayEdit && (
            <div className="actions">
              <button className="primary" type="submit" disabled={save.isPending}>
                Save the issuer profile
              </button>
            </div>
          )}
        </fieldset>
      </form>
      <FormProblem error={save.error} shown={problems.shown} />
      <Done>{save.isSuccess && "Saved: documents finalized from now on print this profile."}</Done>
    </Section>
  );
}
