import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { Mailer } from "@tollgate/control-plane";

/** A real SMTP server process-in-test that keeps every message it is sent, parsed. */
export interface Inbox {
  mailer: Mailer;
  messages: ParsedMail[];
  close(): Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  return {
    mailer: { transport, from: "Tollgate <billing@tollgate.test>" },
    messages,
    close: () =>
      new Promise((resolve) => {
        transport.close();
        server.close(() => resolve());
      }),
  };
}
