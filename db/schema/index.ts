export * from "./members";
export * from "./procedures";
export * from "./auth";
export * from "./audit";
export * from "./mail";
export * from "./calendar";
export * from "./tickets";
export * from "./training";
