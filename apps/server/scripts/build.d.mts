export declare const DIST: string;
export declare const ENTRIES: Record<"main" | "cli" | "witness", string>;
export declare function builtEntry(name: keyof typeof ENTRIES): string;
export declare function serverBuildIsStale(): boolean;
export declare function buildServer(): Promise<void>;
export declare function ensureServerBuild(): Promise<boolean>;
