import { describe, expect, it } from "vitest";
import { checkCode, codeAt, generateRecoveryCodes, groupedSecret, normaliseCode, normaliseRecoveryCode, timeStep } from "./second-factor";

// RFC 6238 appendix B: the SHA-1 test key "12345678901234567890".
const rfcKey = new TextEncoder().encode("12345678901234567890");
const at = (seconds: number) => seconds * 1000;

describe("second factor codes (issue 6 item 8, ASVS 2.8)", () => {
  it("matches the RFC 6238 test vectors (6 digits)", () => {
    expect(codeAt(rfcKey, timeStep(at(59)))).toBe("287082");
    expect(codeAt(rfcKey, timeStep(at(1111111109)))).toBe("081804");
    expect(codeAt(rfcKey, timeStep(at(2000000000)))).toBe("279037");
  });

  it("accepts the current step and one step either side, nothing further", () => {
    const now = at(1111111109);
    const step = timeStep(now);
    for (const offset of [-1, 0, 1]) expect(checkCode(rfcKey, codeAt(rfcKey, step + offset), null, now)).toEqual({ ok: true, step: step + offset });
    for (const offset of [-3, -2, 2, 3]) expect(checkCode(rfcKey, codeAt(rfcKey, step + offset), null, now)).toEqual({ ok: false, reason: "wrong" });
  });

  it("never accepts a code twice: a step at or before the last used one is 'used'", () => {
    const now = at(1111111109);
    const step = timeStep(now);
    const code = codeAt(rfcKey, step);
    expect(checkCode(rfcKey, code, null, now)).toEqual({ ok: true, step });
    expect(checkCode(rfcKey, code, step, now)).toEqual({ ok: false, reason: "used" });
    // The previous step's code is older than the one used: refused too, even within the window.
    expect(checkCode(rfcKey, codeAt(rfcKey, step - 1), step, now)).toEqual({ ok: false, reason: "used" });
    // The next step's code is still fresh.
    expect(checkCode(rfcKey, codeAt(rfcKey, step + 1), step, now)).toEqual({ ok: true, step: step + 1 });
    // 30 seconds later the same code is still in the window, and still refused.
    expect(checkCode(rfcKey, code, step, now + 30_000)).toEqual({ ok: false, reason: "used" });
  });

  it("reads codes as apps show them and refuses anything but six digits", () => {
    expect(normaliseCode("287 082")).toBe("287082");
    expect(normaliseCode(" 287-082 ")).toBe("287082");
    for (const bad of ["", "28708", "2870822", "abcdef", "２８７０８２"]) expect(normaliseCode(bad)).toBeNull();
    expect(checkCode(rfcKey, "287 082", null, at(59))).toEqual({ ok: true, step: 1 });
  });

  it("shows the secret in groups of four base32 characters", () => {
    expect(groupedSecret(rfcKey)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
  });

  it("makes ten distinct recovery codes of 80 bits that read back in any case and with or without hyphens", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(normaliseRecoveryCode(codes[0].toUpperCase().replaceAll("-", " "))).toBe(codes[0].replaceAll("-", ""));
    expect(normaliseRecoveryCode("123456")).toBeNull();
    expect(normaliseRecoveryCode("abcd-efgh-ijkl-mno1")).toBeNull();
  });
});
