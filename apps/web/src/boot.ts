import "./zod-config";

// The app's modules build their schemas as they load, and zod decides then
// whether to generate code with eval: they are loaded only once it is told not to.
void import("./main");
