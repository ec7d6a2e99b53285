import { z } from "zod";

// Zod speeds up object parsing with generated code (new Function), first
// probing whether eval is allowed. The app's content security policy allows
// no eval, and the probe alone is reported as a violation: parse without it.
z.config({ jitless: true });
