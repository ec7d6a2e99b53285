import { median, roundForDisplay } from "./stats";

// Every benchmark figure is a named value with a unit, optionally measured
// against a limit taken in the same benchmark run (what PostgreSQL, or a bare
// route, does on this machine right now). Scenarios record one sample per
// run; the report shows the median of the runs, and the ratio of that median
// to the limit's median, so figures stay comparable across noisy machines.

export type Better = "higher" | "lower";

export interface FigureSpec {
  /** Dotted name: `<target>.<scenario>.<measure>`, e.g. `pg.transfers.tps`. */
  name: string;
  unit: string;
  /** Which direction is good; a ratio is read the same way. */
  better: Better;
  /** The figure this one is compared with (its median is the limit). */
  limit?: string | undefined;
  note?: string | undefined;
}

export interface Figure extends FigureSpec {
  value: number;
  /** Every run's sample, in order. */
  samples: number[];
  limitValue: number | null;
  /** value / limitValue. */
  ratio: number | null;
}

export class Recorder {
  readonly #specs = new Map<string, FigureSpec>();
  readonly #samples = new Map<string, number[]>();
  readonly skipped: string[] = [];
  readonly warnings: string[] = [];
  /** Facts about the run (server versions, …) for the JSON. */
  readonly facts: Record<string, string> = {};

  record(spec: FigureSpec, value: number): void {
    const known = this.#specs.get(spec.name);
    if (known && (known.unit !== spec.unit || known.limit !== spec.limit)) {
      throw new Error(`figure ${spec.name} recorded with two different units or limits`);
    }
    this.#specs.set(spec.name, { ...known, ...spec });
    const samples = this.#samples.get(spec.name) ?? [];
    samples.push(value);
    this.#samples.set(spec.name, samples);
  }

  /** A scenario or limit that did not run, and why: printed, and kept in the JSON. */
  skip(what: string, reason: string): void {
    this.skipped.push(`${what}: ${reason}`);
  }

  info(key: string, value: string): void {
    this.facts[key] = value;
  }

  /** Something that makes a figure suspect (errors under load, a rate not reached). */
  warn(text: string): void {
    this.warnings.push(text);
  }

  has(name: string): boolean {
    return this.#samples.has(name);
  }

  figures(): Figure[] {
    const values = new Map([...this.#samples].map(([name, samples]) => [name, median(samples)]));
    return [...this.#specs.values()].map((spec) => {
      const samples = this.#samples.get(spec.name) ?? [];
      const value = values.get(spec.name) ?? Number.NaN;
      const limitValue = spec.limit === undefined ? null : (values.get(spec.limit) ?? null);
      const ratio = limitValue === null || limitValue === 0 || !Number.isFinite(value) ? null : value / limitValue;
      return { ...spec, value, samples, limitValue, ratio };
    });
  }
}

/** One line per figure: `name  value  unit  limit  ratio` (a dash where there is none). */
export function formatFigure(figure: Figure, nameWidth = 44): string {
  const cells = [
    figure.name.padEnd(nameWidth),
    roundForDisplay(figure.value).padStart(10),
    figure.unit.padEnd(7),
    (figure.limitValue === null ? "-" : roundForDisplay(figure.limitValue)).padStart(10),
    figure.ratio === null ? "-" : figure.ratio.toFixed(figure.ratio < 10 ? 3 : 1),
  ];
  return cells.join("  ");
}

export function formatHeader(nameWidth = 44): string {
  return ["name".padEnd(nameWidth), "value".padStart(10), "unit".padEnd(7), "limit".padStart(10), "ratio"].join("  ");
}
