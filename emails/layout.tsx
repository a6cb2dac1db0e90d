import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** Shared frame of every message: German, plain, readable in text-only clients. */
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="de">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ fontFamily: "Arial, Helvetica, sans-serif", color: "#1a1a1a", backgroundColor: "#ffffff" }}>
        <Container style={{ maxWidth: "600px", padding: "16px" }}>
          <Text style={{ fontSize: "18px", fontWeight: "bold", color: "#00466e" }}>KAI-Portal</Text>
          <Section>{children}</Section>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#555555" }}>
            KAI – Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik, KAI-Gruppe,
            Buxtehude. Diese Nachricht wurde automatisch vom KAI-Portal versandt.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: "15px", lineHeight: "22px" } as const;
export const button = {
  backgroundColor: "#00466e",
  color: "#ffffff",
  padding: "10px 16px",
  borderRadius: "4px",
  textDecoration: "none",
  display: "inline-block",
} as const;
